package kernels

import (
	"fmt"
	"math"
	"runtime"
	"sync"
)

// Float is the element type of a kernel: float32 to train, float64 to check
// gradients.
type Float interface{ ~float32 | ~float64 }

// Mixer names the recurrence a Plan runs (see the package doc for the maths).
type Mixer int

// The four fused mixers.
const (
	LinearAttention Mixer = iota // S_t = S_{t-1} + v kᵀ
	SSD                          // S_t = exp(g) S_{t-1} + v kᵀ (Mamba2 scalar decay)
	DeltaRule                    // S_t = S_{t-1} + β (v − S_{t-1} k) kᵀ
	GatedDeltaRule               // S_t = α S_{t-1} + β (v − α S_{t-1} k) kᵀ, α = exp(g)
)

func (m Mixer) String() string {
	switch m {
	case LinearAttention:
		return "linear-attention"
	case SSD:
		return "ssd"
	case DeltaRule:
		return "delta-rule"
	case GatedDeltaRule:
		return "gated-delta-rule"
	}
	return fmt.Sprintf("Mixer(%d)", int(m))
}

// HasBeta reports whether the mixer takes a β (write strength) input.
func (m Mixer) HasBeta() bool { return m == DeltaRule || m == GatedDeltaRule }

// HasGate reports whether the mixer takes a log-decay g input.
func (m Mixer) HasGate() bool { return m == SSD || m == GatedDeltaRule }

// Algo picks how a Plan evaluates the recurrence; both give the same result
// up to rounding.
type Algo int

const (
	// Chunked runs chunks of Config.Chunk tokens as small matrix products
	// (UT transform for the delta rules), carrying S between chunks.
	Chunked Algo = iota
	// Recurrent steps token by token (the reference); its backward pass
	// recomputes the states of one chunk at a time from the saved boundaries.
	Recurrent
)

func (a Algo) String() string {
	if a == Recurrent {
		return "recurrent"
	}
	return "chunked"
}

// Config fixes the shapes of a Plan.
type Config struct {
	Mixer   Mixer
	Algo    Algo
	B, T, H int     // batch, sequence, heads, e.g. 8, 512, 4
	DK, DV  int     // key and value head widths, e.g. 32, 32
	Chunk   int     // tokens per chunk, and per saved state of the recurrent backward; 0 means 64
	Scale   float64 // output scale, 0 means 1/√DK
	Workers int     // goroutines over B×H, 0 means GOMAXPROCS
	NoC     bool    // float32 recurrent: use the Go kernel even where the C one is built

	// Parallel, when set, runs the heads instead of the plan's own
	// goroutines (a backend's worker pool); it must call f on disjoint
	// ranges covering [0,n) with at most Workers calls running at once.
	Parallel func(n int, f func(lo, hi int))
}

// Plan runs one mixer on fixed shapes. Forward saves the state at every
// chunk boundary; Backward needs the states of the Forward call on the same
// inputs. A Plan is not safe for concurrent use.
type Plan[F Float] struct {
	cfg    Config
	nc     int // chunks per sequence
	scale  F
	states []F // (B*H, nc, DV, DK): S at the start of each chunk
	ws     []*scratch[F]

	// the current call, read by the workers
	call call[F]
	wg   sync.WaitGroup
	pool chan *scratch[F] // free scratch, for Config.Parallel
	runR func(lo, hi int)
}

type call[F Float] struct {
	backward                  bool
	o, q, k, v, beta, g       []F
	dq, dk, dv, dbeta, dg, do []F
}

// NewPlan checks c and allocates the plan's scratch. It panics on
// non-positive shapes.
func NewPlan[F Float](c Config) *Plan[F] {
	if c.B <= 0 || c.T <= 0 || c.H <= 0 || c.DK <= 0 || c.DV <= 0 {
		panic(fmt.Sprintf("kernels: NewPlan: bad shape B=%d T=%d H=%d DK=%d DV=%d", c.B, c.T, c.H, c.DK, c.DV))
	}
	if c.Chunk <= 0 {
		c.Chunk = 64
	}
	if c.Scale == 0 {
		c.Scale = 1 / math.Sqrt(float64(c.DK))
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.Workers > c.B*c.H {
		c.Workers = c.B * c.H
	}
	p := &Plan[F]{cfg: c, scale: F(c.Scale)}
	p.nc = (c.T + c.Chunk - 1) / c.Chunk
	p.ws = make([]*scratch[F], c.Workers)
	p.pool = make(chan *scratch[F], len(p.ws))
	for i := range p.ws {
		p.ws[i] = newScratch[F](c)
		p.pool <- p.ws[i]
	}
	p.runR = p.runRange
	return p
}

// Config returns the plan's configuration with defaults filled in.
func (p *Plan[F]) Config() Config { return p.cfg }

// States returns the chunk-boundary states saved by the last Forward,
// (B*H, chunks, DV, DK) row-major; nil before the first Forward unless
// UseStates gave a buffer. S after the last token is not kept.
func (p *Plan[F]) States() []F { return p.states }

// StatesLen is the length of States for c: B·H·⌈T/Chunk⌉·DV·DK.
func StatesLen(c Config) int {
	if c.Chunk <= 0 {
		c.Chunk = 64
	}
	return c.B * c.H * ((c.T + c.Chunk - 1) / c.Chunk) * c.DV * c.DK
}

// UseStates makes the plan save and read the chunk-boundary states in s
// (StatesLen long) instead of its own buffer, e.g. an op's per-node
// scratch, so one plan can serve several nodes of the same shape.
func (p *Plan[F]) UseStates(s []F) {
	if len(s) != StatesLen(p.cfg) {
		panic(fmt.Sprintf("kernels: UseStates: length %d, want %d", len(s), StatesLen(p.cfg)))
	}
	p.states = s
}

func (p *Plan[F]) check(name string, x []F, n int, need bool) {
	if !need {
		if x != nil {
			panic(fmt.Sprintf("kernels: %s %v: %s must be nil", p.cfg.Mixer, name, name))
		}
		return
	}
	if len(x) != n {
		panic(fmt.Sprintf("kernels: %v: %s has length %d, want %d", p.cfg.Mixer, name, len(x), n))
	}
}

// Forward computes o (B,T,H,DV) from q, k (B,T,H,DK), v (B,T,H,DV) and,
// where the mixer takes them, beta and g (B,T,H); pass nil otherwise.
func (p *Plan[F]) Forward(o, q, k, v, beta, g []F) {
	c := p.cfg
	nk, nv, ns := c.B*c.T*c.H*c.DK, c.B*c.T*c.H*c.DV, c.B*c.T*c.H
	p.check("o", o, nv, true)
	p.check("q", q, nk, true)
	p.check("k", k, nk, true)
	p.check("v", v, nv, true)
	p.check("beta", beta, ns, c.Mixer.HasBeta())
	p.check("g", g, ns, c.Mixer.HasGate())
	if p.states == nil {
		p.states = make([]F, StatesLen(c))
	}
	p.call = call[F]{o: o, q: q, k: k, v: v, beta: beta, g: g}
	p.run()
}

// Backward adds the gradients of Σ o⊙do into dq, dk, dv and, where the
// mixer takes them, dbeta and dg. It uses the states saved by the Forward
// call on the same q, k, v, beta, g.
func (p *Plan[F]) Backward(dq, dk, dv, dbeta, dg, do, q, k, v, beta, g []F) {
	c := p.cfg
	nk, nv, ns := c.B*c.T*c.H*c.DK, c.B*c.T*c.H*c.DV, c.B*c.T*c.H
	p.check("dq", dq, nk, true)
	p.check("dk", dk, nk, true)
	p.check("dv", dv, nv, true)
	p.check("do", do, nv, true)
	p.check("q", q, nk, true)
	p.check("k", k, nk, true)
	p.check("v", v, nv, true)
	p.check("beta", beta, ns, c.Mixer.HasBeta())
	p.check("dbeta", dbeta, ns, c.Mixer.HasBeta())
	p.check("g", g, ns, c.Mixer.HasGate())
	p.check("dg", dg, ns, c.Mixer.HasGate())
	if p.states == nil {
		panic("kernels: Backward before Forward")
	}
	p.call = call[F]{backward: true, q: q, k: k, v: v, beta: beta, g: g,
		dq: dq, dk: dk, dv: dv, dbeta: dbeta, dg: dg, do: do}
	p.run()
}

func (p *Plan[F]) run() {
	if p.cfg.Parallel != nil {
		p.cfg.Parallel(p.cfg.B*p.cfg.H, p.runR)
		return
	}
	if len(p.ws) == 1 {
		p.work(0)
		return
	}
	p.wg.Add(len(p.ws))
	for w := 1; w < len(p.ws); w++ {
		go p.worker(w)
	}
	p.worker(0)
	p.wg.Wait()
}

func (p *Plan[F]) worker(w int) {
	p.work(w)
	p.wg.Done()
}

func (p *Plan[F]) runRange(lo, hi int) {
	s := <-p.pool
	for bh := lo; bh < hi; bh++ {
		p.runHead(s, bh)
	}
	p.pool <- s
}

// work runs heads w, w+W, w+2W, ... of the current call.
func (p *Plan[F]) work(w int) {
	for bh := w; bh < p.cfg.B*p.cfg.H; bh += len(p.ws) {
		p.runHead(p.ws[w], bh)
	}
}

func (p *Plan[F]) runHead(s *scratch[F], bh int) {
	c := p.cfg
	{
		h := head[F]{p: p, s: s, b: bh / c.H, h: bh % c.H}
		h.states = p.states[bh*p.nc*c.DV*c.DK : (bh+1)*p.nc*c.DV*c.DK]
		switch {
		case !p.call.backward && c.Algo == Recurrent:
			h.recurrentForward()
		case !p.call.backward:
			h.chunkedForward()
		case c.Algo == Recurrent:
			h.recurrentBackward()
		default:
			h.chunkedBackward()
		}
	}
}

// head is one (batch row, head) of a call: token t of it lives at
// ((b*T+t)*H+h)*D in a (B,T,H,D) tensor.
type head[F Float] struct {
	p      *Plan[F]
	s      *scratch[F]
	b, h   int
	states []F // (nc, DV, DK)
}

func (h *head[F]) kAt(x []F, t int) []F {
	c := &h.p.cfg
	o := ((h.b*c.T+t)*c.H + h.h) * c.DK
	return x[o : o+c.DK : o+c.DK]
}

func (h *head[F]) vAt(x []F, t int) []F {
	c := &h.p.cfg
	o := ((h.b*c.T+t)*c.H + h.h) * c.DV
	return x[o : o+c.DV : o+c.DV]
}

func (h *head[F]) sAt(x []F, t int) *F {
	c := &h.p.cfg
	return &x[(h.b*c.T+t)*c.H+h.h]
}

// scratch is one worker's memory. C is the chunk, n ≤ C the rows in use.
type scratch[F Float] struct {
	// recurrent
	S    []F // (C+1, DV, DK): S before and after each step of a chunk
	dS   []F // (DV, DK)
	u, r []F // (C, DV): u_t and v_t − α S_{t-1} k_t per step
	dqt  []F // (DK)
	dkt  []F // (DK)

	// chunked, row-major blocks
	Q, K, Kg, W, dQ, dK, dKg, dW []F // (C, DK)
	V, U, dO, dU, KdS, tmpV      []F // (C, DV)
	G, gam, r2, bet, dG, dbet    []F // (C)
	KK, E, M, T, P, dP, dT, X    []F // (C, C)
	S0, dS0, dSC                 []F // (DV, DK)
}

func newScratch[F Float](c Config) *scratch[F] {
	C, DK, DV := c.Chunk, c.DK, c.DV
	m := func(n int) []F { return make([]F, n) }
	s := &scratch[F]{}
	if c.Algo == Recurrent {
		s.S, s.dS = m((C+1)*DV*DK), m(DV*DK)
		s.u, s.r = m(C*DV), m(C*DV)
		s.dqt, s.dkt = m(DK), m(DK)
		return s
	}
	s.Q, s.K, s.Kg, s.W, s.dQ, s.dK, s.dKg, s.dW = m(C*DK), m(C*DK), m(C*DK), m(C*DK), m(C*DK), m(C*DK), m(C*DK), m(C*DK)
	s.V, s.U, s.dO, s.dU, s.KdS, s.tmpV = m(C*DV), m(C*DV), m(C*DV), m(C*DV), m(C*DV), m(C*DV)
	s.G, s.gam, s.r2, s.bet, s.dG, s.dbet = m(C), m(C), m(C), m(C), m(C), m(C)
	s.KK, s.E, s.M, s.T, s.P, s.dP, s.dT, s.X = m(C*C), m(C*C), m(C*C), m(C*C), m(C*C), m(C*C), m(C*C), m(C*C)
	s.S0, s.dS0, s.dSC = m(DV*DK), m(DV*DK), m(DV*DK)
	return s
}

func exp[F Float](x F) F { return F(math.Exp(float64(x))) }
