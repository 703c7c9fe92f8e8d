package gpu

// A BufferOwner is a Backend that allocates the tensor buffers of the
// Programs compiled on it: Compile asks it for one Arena per Program and
// takes every activation, gradient, scratch, input and token buffer from
// it (parameters live in their ParamSet, which Programs share). A backend
// without it gets Go-heap slices. Buffers are host-visible slices because
// the kernels run on host memory today; this is the first step of issue
// 14's backend-owned buffers (the CUDA backend hands out page-locked host
// memory, which its copies to the device read faster).
type BufferOwner interface {
	NewArena() Arena
}

// An Arena hands out the buffers of one Program. Every buffer is zeroed,
// has capacity equal to its length (Compile pools buffers by capacity),
// and stays valid until Release, which Program.Close calls; the
// Program must not run after.
type Arena interface {
	Float32s(n int) []float32
	Float64s(n int) []float64
	Int32s(n int) []int32
	Release()
}

// heapArena is the arena of a backend that owns no buffers: make.
type heapArena struct{}

func (heapArena) Float32s(n int) []float32 { return make([]float32, n) }
func (heapArena) Float64s(n int) []float64 { return make([]float64, n) }
func (heapArena) Int32s(n int) []int32     { return make([]int32, n) }
func (heapArena) Release()                 {}

// newArena returns b's arena, or the Go heap's.
func newArena(b Backend) Arena {
	if o, ok := b.(BufferOwner); ok {
		return o.NewArena()
	}
	return heapArena{}
}

// arenaFloats takes n elements of F from a.
func arenaFloats[F Float](a Arena, n int) []F {
	var s []F
	var z F
	switch any(z).(type) {
	case float32:
		s = any(a.Float32s(n)).([]F)
	default:
		s = any(a.Float64s(n)).([]F)
	}
	if len(s) != n || cap(s) != n {
		panic("gpu: Arena returned a buffer whose length or capacity is not the size asked for")
	}
	return s
}

// arenaInts takes n int32s from a.
func arenaInts(a Arena, n int) []int32 {
	s := a.Int32s(n)
	if len(s) != n || cap(s) != n {
		panic("gpu: Arena returned a buffer whose length or capacity is not the size asked for")
	}
	return s
}

// Close releases the buffers the backend allocated for p (nothing for a
// backend that owns none). p must not be used after; its ParamSet stays.
func (p *Program) Close() {
	if p.e != nil && p.e.arena != nil {
		p.e.arena.Release()
		p.e.arena = nil
	}
}
