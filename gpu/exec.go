package gpu

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"
)

// Options tune Compile. The zero value (or nil) trains: forward and
// backward of a scalar loss, with a fresh ParamSet seeded 0.
type Options struct {
	// Params shares parameters with other Programs; nil makes a new set
	// seeded with Seed. Parameters missing from the set are added and
	// initialised; a shape mismatch is an error.
	Params *ParamSet
	Seed   uint64

	// NoGrad compiles the forward pass only (evaluation, checks).
	NoGrad bool

	// Outputs are extra nodes whose values are read with Value after
	// Forward (logits, a layer's output).
	Outputs []*Node

	// Profile records the time spent per op (see Program.Profile).
	Profile bool
}

// Program is a compiled graph: every buffer is planned and allocated
// once, so Forward and Backward run any number of times without
// allocating. A Program is not safe for concurrent use.
type Program struct {
	e      *exec[float32]
	params *ParamSet
	g      *graphCore
	prof   bool
	times  map[string]*OpTime
}

// Compile plans graph g for computing loss (a scalar, or nil with NoGrad)
// and the requested outputs on backend b.
func Compile(g *Graph, loss *Node, b Backend, opts *Options) (*Program, error) {
	if opts == nil {
		opts = &Options{}
	}
	if b == nil {
		return nil, errors.New("gpu: Compile: nil backend")
	}
	ps := opts.Params
	if ps == nil {
		ps = NewParamSet(opts.Seed)
	}
	p := &Program{params: ps, g: g.c, prof: opts.Profile}
	var perr error
	e, err := newExec[float32](g.c, loss, opts.Outputs, b, !opts.NoGrad, false, func(n *Node) ([]float32, []float32) {
		par, err := ps.add(n)
		if err != nil {
			perr = err
			return make([]float32, n.Len()), make([]float32, n.Len())
		}
		return par.Value.Data, par.Grad.Data
	})
	if err != nil {
		return nil, err
	}
	if perr != nil {
		return nil, perr
	}
	p.e = e
	if p.prof {
		p.times = map[string]*OpTime{}
	}
	return p, nil
}

// BackendOps returns the ops, sorted and each once, that run kernels the
// backend supplied (KernelProvider) instead of the reference kernels.
func (p *Program) BackendOps() []string {
	var ops []string
	for _, s := range p.e.fwd {
		if s.own && !slices.Contains(ops, s.n.op.Name) {
			ops = append(ops, s.n.op.Name)
		}
	}
	slices.Sort(ops)
	return ops
}

// Params returns the program's parameter set.
func (p *Program) Params() *ParamSet { return p.params }

// Bytes returns the memory the plan holds: activations, gradients,
// workspace, parameters and their gradients (peak and steady state are
// the same: nothing is allocated after Compile).
func (p *Program) Bytes() int64 { return p.e.bytes }

// Input returns the buffer of the named float input, to fill in place.
func (p *Program) Input(name string) ([]float32, error) {
	n := p.g.inputs[name]
	if n == nil || n.kind != kindInput {
		return nil, fmt.Errorf("gpu: no float input %q", name)
	}
	if p.e.val[n.id] == nil {
		return nil, fmt.Errorf("gpu: input %q is not used by this program", name)
	}
	return p.e.val[n.id], nil
}

// SetInput copies data into the named float input.
func (p *Program) SetInput(name string, data []float32) error {
	buf, err := p.Input(name)
	if err != nil {
		return err
	}
	if len(data) != len(buf) {
		return fmt.Errorf("gpu: input %q: %d values, want %d (shape %v)", name, len(data), len(buf), p.g.inputs[name].shape)
	}
	copy(buf, data)
	return nil
}

// SetTokens copies ids into the named Tokens input. Ids must lie in
// [0, vocab) or be -1 (ignored by CrossEntropy, a zero row in Embedding).
func (p *Program) SetTokens(name string, ids []int32) error {
	n := p.g.inputs[name]
	if n == nil || n.kind != kindTokens {
		return fmt.Errorf("gpu: no tokens input %q", name)
	}
	buf := p.e.ints[n.id]
	if buf == nil {
		return fmt.Errorf("gpu: tokens %q are not used by this program", name)
	}
	if len(ids) != len(buf) {
		return fmt.Errorf("gpu: tokens %q: %d ids, want %d (shape %v)", name, len(ids), len(buf), n.shape)
	}
	for i, id := range ids {
		if id < -1 || int(id) >= n.vocab {
			return fmt.Errorf("gpu: tokens %q: id %d at %d outside [0,%d)", name, id, i, n.vocab)
		}
	}
	copy(buf, ids)
	return nil
}

// Forward runs the forward pass and returns the loss (0 without one).
func (p *Program) Forward() float32 {
	if p.prof {
		p.e.forwardTimed(p.record)
	} else {
		p.e.forward()
	}
	if p.e.loss != nil {
		return p.e.val[p.e.loss.id][0]
	}
	return 0
}

// Backward computes the gradient of the loss wrt every parameter (into
// ParamSet gradients, overwriting them). Forward must have run.
func (p *Program) Backward() error {
	if !p.e.train {
		return errors.New("gpu: Backward on a program compiled with NoGrad or without a loss")
	}
	if p.prof {
		p.e.backwardTimed(p.record)
	} else {
		p.e.backward()
	}
	return nil
}

// Value returns a view of node n's current value (shares memory with the
// program: valid until the next Forward). n must be the loss, an Output,
// an input or a parameter.
func (p *Program) Value(n *Node) *Tensor {
	v := p.e.val[n.id]
	if v == nil || !p.e.readable[n.id] {
		panic(fmt.Sprintf("gpu: Value(%v): not an output of this program (list it in Options.Outputs)", n))
	}
	return &Tensor{Shape: n.Shape(), Data: v}
}

// CheckFinite returns an error naming step and the first tensor holding
// a NaN or Inf: the loss, then values in forward order, then parameter
// gradients. Call it after Backward (or Forward); nil when all is finite.
func (p *Program) CheckFinite(step int) error {
	return p.e.checkFinite(step)
}

// OpTime is the time spent in one op's kernels (Options.Profile).
type OpTime struct {
	Op       string
	Forward  time.Duration
	Backward time.Duration
	Calls    int
}

func (p *Program) record(op string, backward bool, d time.Duration) {
	t := p.times[op]
	if t == nil {
		t = &OpTime{Op: op}
		p.times[op] = t
	}
	if backward {
		t.Backward += d
	} else {
		t.Forward += d
		t.Calls++
	}
}

// Profile returns time per op since Compile, slowest first (empty unless
// compiled with Options.Profile).
func (p *Program) Profile() []OpTime {
	var out []OpTime
	for _, t := range p.times {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Forward+out[i].Backward > out[j].Forward+out[j].Backward
	})
	return out
}

// exec is the planned graph for one float type.
type exec[F Float] struct {
	b        Backend
	arena    Arena // where every buffer but the parameters' comes from
	gemm     func(Gemm[F])
	elem     int64   // bytes per element: 4 or 8
	nodes    []*Node // reachable nodes, trace order
	val      [][]F   // by node id
	grad     [][]F   // by node id (views share their root's)
	scratch  [][]F
	ints     [][]int32
	readable []bool
	fwd      []step[F]
	bwd      []step[F]
	gradRoot []int  // node id owning the gradient buffer
	zeroed   []bool // by root: cleared during this backward pass
	params   []int  // ids of parameter nodes with gradients
	loss     *Node
	train    bool
	bytes    int64
	// gradient buffers are pooled by liveness: allocate[i] and release[i]
	// are applied around bwd[i].
	bwdAlloc   [][]int
	bwdRelease [][]int
	gradSize   []int
	// clearBuf is the buffer clearPart zeroes; clearFn is clearPart bound
	// once, so a parallel clear allocates nothing.
	clearBuf []F
	clearFn  func(lo, hi int)
}

// parClearMin is the gradient buffer length (elements) from which
// prepare zeroes it on all workers.
const parClearMin = 1 << 16

func (e *exec[F]) clearPart(lo, hi int) { clear(e.clearBuf[lo:hi]) }

// clearGrad zeroes buf, split across the workers when it is large.
func (e *exec[F]) clearGrad(buf []F) {
	if len(buf) < parClearMin || e.b.Threads() < 2 {
		clear(buf)
		return
	}
	if e.clearFn == nil {
		e.clearFn = e.clearPart
	}
	e.clearBuf = buf
	e.b.Parallel(len(buf), e.clearFn)
	e.clearBuf = nil
}

// step is one op node's planned work (plan.go's selectKernels).
type step[F Float] struct {
	n   *Node
	c   *Call[F]
	k   *Kernels[F]
	own bool // k is the backend's (KernelProvider), not the op table's
}

func (e *exec[F]) forward() {
	for _, s := range e.fwd {
		s.k.Forward(s.c)
	}
}

func (e *exec[F]) forwardTimed(rec func(string, bool, time.Duration)) {
	for _, s := range e.fwd {
		t := time.Now()
		s.k.Forward(s.c)
		rec(s.n.op.Name, false, time.Since(t))
	}
}

func (e *exec[F]) beginBackward() {
	clear(e.zeroed)
	for _, id := range e.params {
		clear(e.grad[id])
		e.zeroed[id] = true
	}
	lr := e.gradRoot[e.loss.id]
	g := e.grad[lr]
	clear(g)
	g[0] = 1
	e.zeroed[lr] = true
}

// prepare clears the gradient buffers s writes for the first time this
// pass; it reports false when s's own gradient was never written (no
// path to the loss carried gradient), so its backward can be skipped.
func (e *exec[F]) prepare(s step[F]) bool {
	if !e.zeroed[e.gradRoot[s.n.id]] {
		return false
	}
	for i, in := range s.n.in {
		if s.c.GradIn[i] == nil {
			continue
		}
		r := e.gradRoot[in.id]
		if s.c.Fresh != nil {
			s.c.Fresh[i] = !e.zeroed[r]
		} else if !e.zeroed[r] {
			e.clearGrad(s.c.GradIn[i])
		}
		e.zeroed[r] = true
	}
	return true
}

func (e *exec[F]) backward() {
	e.beginBackward()
	for _, s := range e.bwd {
		if e.prepare(s) {
			s.k.Backward(s.c)
		}
	}
}

func (e *exec[F]) backwardTimed(rec func(string, bool, time.Duration)) {
	e.beginBackward()
	for _, s := range e.bwd {
		if e.prepare(s) {
			t := time.Now()
			s.k.Backward(s.c)
			rec(s.n.op.Name, true, time.Since(t))
		}
	}
}

func (e *exec[F]) checkFinite(step int) error {
	if e.loss != nil {
		if i := firstNonFinite(e.val[e.loss.id]); i >= 0 {
			for _, n := range e.nodes {
				if n.dtype == Int32 || e.val[n.id] == nil || (!e.train && !e.readable[n.id]) {
					continue // forward-only plans recycle intermediate buffers
				}
				if j := firstNonFinite(e.val[n.id]); j >= 0 {
					return &NonFiniteError{Step: step, Tensor: n.String(), Index: j, Value: float64(e.val[n.id][j])}
				}
			}
			return &NonFiniteError{Step: step, Tensor: "loss", Value: float64(e.val[e.loss.id][0])}
		}
	}
	if e.train {
		for _, id := range e.params {
			if j := firstNonFinite(e.grad[id]); j >= 0 {
				return &NonFiniteError{Step: step, Tensor: "gradient of " + e.nodes[0].g.nodes[id].String(), Index: j, Value: float64(e.grad[id][j])}
			}
		}
	}
	return nil
}

// NonFiniteError reports a NaN or Inf found by CheckFinite.
type NonFiniteError struct {
	Step   int
	Tensor string // e.g. `rms_norm#31 [8 512 128]` or `gradient of param#3 "layer0.wq" [128 128]`
	Index  int    // first offending element
	Value  float64
}

func (e *NonFiniteError) Error() string {
	return fmt.Sprintf("gpu: step %d: non-finite value %v in %s at element %d", e.Step, e.Value, e.Tensor, e.Index)
}

// TrainStep runs one training step: Forward, Backward, CheckFinite(step)
// and opt.StepOn with the program's backend (its AdamW update where it has
// one). It returns the loss; on a NaN or Inf it returns a *NonFiniteError
// and leaves the parameters untouched.
func (p *Program) TrainStep(step int, opt *AdamW, lr float64) (float32, error) {
	loss := p.Forward()
	if err := p.Backward(); err != nil {
		return loss, err
	}
	if err := p.CheckFinite(step); err != nil {
		return loss, err
	}
	if _, err := opt.StepOn(p.e.b, lr); err != nil {
		return loss, err
	}
	return loss, nil
}

// bufPool hands out buffers, best fit first, growing *bytes when it has
// to allocate.
type bufPool[F Float] struct {
	free  [][]F
	bytes *int64
	elem  int64
	arena Arena
}

func (p *bufPool[F]) get(n int) []F {
	best := -1
	for i, b := range p.free {
		if len(b) >= n && (best < 0 || len(b) < len(p.free[best])) {
			best = i
		}
	}
	if best < 0 {
		*p.bytes += p.elem * int64(n)
		return arenaFloats[F](p.arena, n)
	}
	b := p.free[best]
	p.free = append(p.free[:best], p.free[best+1:]...)
	return b[:n]
}

func (p *bufPool[F]) put(b []F) { p.free = append(p.free, b[:cap(b)]) }
