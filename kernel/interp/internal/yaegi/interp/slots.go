package interp

// archlab addition: fewer allocations per interpreted call.
//
// Upstream allocated, for every call, the frame, its data slice and one
// reflect.New per slot (results, parameters, locals, temporaries): about ten
// small objects for a call like fib(n-1), and the collector's work on them was
// half of a call's cost. A frame and a short data slice are now one object,
// and a call's slots are the fields of one struct value whose type is made
// once per function. Each slot stays addressable and settable and is as long
// lived as its frame's other slots, which a closure's frame copy keeps alive
// together anyway.

import (
	"reflect"
	"strconv"
	"sync/atomic"
	"unsafe"
)

// Frames with a short data slice are allocated with the slice's array, in
// steps of two values so that little of the array goes unused.
type frameWith[A any] struct {
	frame
	arr A
}

func allocWith[A any](length int) *frame {
	f := new(frameWith[A])
	f.data = unsafe.Slice((*reflect.Value)(unsafe.Pointer(&f.arr)), length)
	return &f.frame
}

// allocFrame returns a frame whose data holds length values.
func allocFrame(length int) *frame {
	switch (length + 1) / 2 {
	case 0:
		return &frame{}
	case 1:
		return allocWith[[2]reflect.Value](length)
	case 2:
		return allocWith[[4]reflect.Value](length)
	case 3:
		return allocWith[[6]reflect.Value](length)
	case 4:
		return allocWith[[8]reflect.Value](length)
	case 5:
		return allocWith[[10]reflect.Value](length)
	case 6:
		return allocWith[[12]reflect.Value](length)
	case 7:
		return allocWith[[14]reflect.Value](length)
	case 8:
		return allocWith[[16]reflect.Value](length)
	}
	return &frame{data: make([]reflect.Value, length)}
}

// nodePtrType is the type of an interpreted function value before it is wrapped.
var nodePtrType = reflect.TypeOf((*node)(nil))

// isGetMethod reports whether g is getMethod, the generator of a method value.
func isGetMethod(g bltnGenerator) bool {
	return g != nil && reflect.ValueOf(g).Pointer() == reflect.ValueOf(getMethod).Pointer()
}

// slotLayout is the struct type whose fields are a function's frame slots.
type slotLayout struct {
	types []reflect.Type
	block reflect.Type // nil where reflect.StructOf refused the types
}

// maxSlotBlock bounds a slot block's size: a frame with a large array local
// allocates it on its own, so that a pointer to a small slot does not keep
// it alive.
const maxSlotBlock = 1 << 12

// newSlots sets d[i] to a new zero value of types[i] for each i, all in one
// allocation. The layout is cached on the function's body node.
func (n *node) newSlots(d []reflect.Value, types []reflect.Type) {
	if len(types) == 0 {
		return
	}
	cache := &n.slots
	if len(n.child) > 3 && n.child[3] != nil {
		// The body's node: a method's node is copied (and the copy
		// dropped) where a method value is made, the body is shared.
		cache = &n.child[3].slots
	}
	lay := (*slotLayout)(atomic.LoadPointer(cache))
	if lay == nil || !sameRtypes(lay.types, types) {
		lay = makeSlotLayout(types)
		atomic.StorePointer(cache, unsafe.Pointer(lay))
	}
	if lay.block == nil {
		for i, t := range types {
			d[i] = reflect.New(t).Elem()
		}
		return
	}
	b := reflect.New(lay.block).Elem()
	for i := range types {
		d[i] = b.Field(i)
	}
}

func sameRtypes(a, b []reflect.Type) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func makeSlotLayout(types []reflect.Type) (lay *slotLayout) {
	lay = &slotLayout{types: append([]reflect.Type(nil), types...)}
	var size uintptr
	fields := make([]reflect.StructField, len(types))
	for i, t := range types {
		if t == nil {
			return lay
		}
		size += t.Size()
		fields[i] = reflect.StructField{Name: "S" + strconv.Itoa(i), Type: t}
	}
	if size > maxSlotBlock {
		return lay
	}
	defer func() {
		if recover() != nil {
			lay.block = nil
		}
	}()
	lay.block = reflect.StructOf(fields)
	return lay
}
