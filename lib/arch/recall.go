package arch

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/lib/eval"
)

// RecallMixers are the token mixers Recall can wire, the rules of the
// zoo's attention family: "softmax" (softmax_attention), "linear"
// (linear_attention's op.LinearAttention), "gated_linear" (op.SSDScan, a
// scalar decay as in Mamba2), "delta" (deltanet's op.DeltaRule) and
// "gated_delta" (gated_deltanet's op.GatedDeltaRule).
var RecallMixers = []string{"softmax", "linear", "gated_linear", "delta", "gated_delta"}

// RecallConfig is one associative-memory probe of a token mixer whose
// projections are set by hand instead of trained. Rows of MQAR (lib/eval,
// with the slots between queries left 0) are read token by token: the
// i-th value token writes the pair (key_i, value_i) into the mixer, and at
// each query the mixer's read-out of the query's key is decoded to the
// value token whose embedding it is nearest to (largest dot product), as
// a trained layer's output projection and LM head would.
type RecallConfig struct {
	Mixer  string  // one of RecallMixers, e.g. "delta"
	DK     int     // key width: the state of the linear rules is DV×DK, e.g. 16
	DV     int     // value width, default DK (a head's usual shape)
	Pairs  int     // key-value pairs per row, e.g. 16 (at most 127: MQAR on 256 tokens)
	T      int     // tokens per row, default 4·Pairs (MQAR's least)
	Rows   int     // MQAR rows (held-out examples), default 64
	Keys   string  // "orthogonal" (default): a row's i-th key is column i mod DK of a random rotation, a new one every DK pairs; "random": a fixed random unit vector per key token; "positive": the same with positive entries (elu(x)+1, normalised: linear attention's feature map)
	Rebind int     // the last Rebind pairs of a row reuse the keys of its first Rebind pairs with new values; both queries of such a key want the newer value (0 ≤ Rebind ≤ Pairs/2)
	Beta   float64 // delta rules: write strength β of a pair, default 1
	Decay  float64 // gated rules: α, the factor the state is multiplied by at every token, in (0, 1], default 1
	Sharp  float64 // softmax: the logits are Sharp·q·k, default 10 (a trained layer learns large q and k)
	Noise  float64 // standard deviation of Gaussian noise added to every read-out component (the rest of a network), default 0
	Seed   uint64  // draws the rows, the embeddings, the rotations and the noise; default 1
}

// RecallResult is what a probe measured. A query's gap is the number of
// tokens from its pair's write (the value token) to the query.
type RecallResult struct {
	Accuracy float64   // share of queries decoded to their value (eval.Accuracy)
	Rebound  float64   // with Rebind: accuracy on the queries of rebound keys (the newer value wanted)
	ByPair   []float64 // ByPair[i]: accuracy on the queries whose answer is the i-th pair written; NaN for a pair no query wants (a binding replaced under Rebind)
	GapX     []float64 // centres of the gap bins that hold queries (16 bins over 1..T)
	GapAcc   []float64 // accuracy in each bin of GapX
	GapKeep  []float64 // mean share of the value that comes back, ⟨o, v⟩/⟨v, v⟩ before noise, in each bin
	State    int       // floats the mixer keeps per row and head after the row: T·(DK+DV) for softmax (its cache of keys and values), DK·DV for the others
}

func (c *RecallConfig) fill() error {
	if c.DV == 0 {
		c.DV = c.DK
	}
	if c.T == 0 {
		c.T = 4 * c.Pairs
	}
	if c.Rows == 0 {
		c.Rows = 64
	}
	if c.Keys == "" {
		c.Keys = "orthogonal"
	}
	if c.Beta == 0 {
		c.Beta = 1
	}
	if c.Decay == 0 {
		c.Decay = 1
	}
	if c.Sharp == 0 {
		c.Sharp = 10
	}
	if c.Seed == 0 {
		c.Seed = 1
	}
	switch {
	case !slices.Contains(RecallMixers, c.Mixer):
		return fmt.Errorf("arch: recall: unknown mixer %q (want one of %s)", c.Mixer, strings.Join(RecallMixers, ", "))
	case c.DK < 1 || c.DV < 1 || c.Rows < 1:
		return fmt.Errorf("arch: recall: DK %d, DV %d and Rows %d must be positive", c.DK, c.DV, c.Rows)
	case c.Pairs < 1 || c.Pairs > 127 || c.T < 4*c.Pairs:
		return fmt.Errorf("arch: recall: want 1 ≤ Pairs ≤ 127 and T ≥ 4·Pairs, have Pairs %d, T %d", c.Pairs, c.T)
	case c.Keys != "orthogonal" && c.Keys != "random" && c.Keys != "positive":
		return fmt.Errorf("arch: recall: Keys %q: want orthogonal or random", c.Keys)
	case c.Beta < 0 || c.Beta > 2:
		return fmt.Errorf("arch: recall: Beta %v: want 0 ≤ β ≤ 2 (the delta rule diverges above 2)", c.Beta)
	case !(c.Decay > 0 && c.Decay <= 1):
		return fmt.Errorf("arch: recall: Decay %v: want 0 < α ≤ 1", c.Decay)
	case c.Rebind < 0 || 2*c.Rebind > c.Pairs:
		return fmt.Errorf("arch: recall: Rebind %d: want 0 ≤ Rebind ≤ Pairs/2 (%d)", c.Rebind, c.Pairs/2)
	case c.Sharp < 0 || c.Noise < 0:
		return fmt.Errorf("arch: recall: Sharp %v and Noise %v must not be negative", c.Sharp, c.Noise)
	}
	return nil
}

// Recall runs the probe c on the CPU backend, one thread; the 64 rows of
// the default take milliseconds.
func Recall(ctx context.Context, c RecallConfig) (*RecallResult, error) {
	if err := c.fill(); err != nil {
		return nil, err
	}
	const vocab = 256
	half := vocab / 2
	task := eval.MQAR(eval.MQARConfig{Vocab: vocab, T: c.T, Pairs: c.Pairs, ZeroFill: true})
	batch := task.HeldOut(c.Seed, c.Rows)
	B, T, DK, DV := c.Rows, c.T, c.DK, c.DV
	for b := range B {
		in, tgt := batch.Inputs[b*T:(b+1)*T], batch.Targets[b*T:(b+1)*T]
		for j := range c.Rebind {
			i := c.Pairs - c.Rebind + j
			key, gone, val := in[2*j], in[2*i], in[2*i+1]
			in[2*i] = key // pair i binds pair j's key to a new value
			for t := 2 * c.Pairs; t < T; t++ {
				if in[t] == gone || in[t] == key {
					in[t], tgt[t] = key, val
				}
			}
		}
	}
	r := rand.New(rand.NewPCG(c.Seed, 0x7265_6361_6c6c)) // "recall"

	keyEmb := unitRows(r, vocab, DK) // "random" keys, by token
	valEmb := unitRows(r, vocab, DV) // value tokens' embeddings (rows half..vocab-1 are used)
	posEmb := positiveRows(r, vocab, DK)

	// q, k (B,T,DK), v (B,T,DV), beta and the log-decay g (B,T): keys and
	// values only at the writes, queries only at the queries.
	q := make([]float32, B*T*DK)
	k := make([]float32, B*T*DK)
	v := make([]float32, B*T*DV)
	beta := make([]float32, B*T)
	g := make([]float32, B*T)
	pairOf := make([]int, B*T) // at a query: the pair asked for, else -1
	for i := range g {
		g[i] = float32(math.Log(c.Decay))
		pairOf[i] = -1
	}
	for b := range B {
		in := batch.Inputs[b*T : (b+1)*T]
		keyVec := make(map[int32][]float32, c.Pairs)
		keyPair := make(map[int32]int, c.Pairs)
		var rot [][]float32
		for i := range c.Pairs {
			key := in[2*i]
			if i%DK == 0 {
				rot = orthonormal(r, DK) // drawn for every row in either mode, so the streams stay aligned
			}
			if _, seen := keyVec[key]; !seen { // a rebound key keeps its vector
				switch c.Keys {
				case "orthogonal":
					keyVec[key] = rot[i%DK]
				case "positive":
					keyVec[key] = posEmb[key]
				default:
					keyVec[key] = keyEmb[key]
				}
			}
			keyPair[key] = i
			t := b*T + 2*i + 1 // the value's position writes the pair
			copy(k[t*DK:(t+1)*DK], keyVec[key])
			copy(v[t*DV:(t+1)*DV], valEmb[in[2*i+1]])
			beta[t] = float32(c.Beta)
		}
		for t := 2 * c.Pairs; t < T; t++ {
			if batch.Mask[b*T+t] {
				bt := b*T + t
				copy(q[bt*DK:(bt+1)*DK], keyVec[in[t]])
				pairOf[bt] = keyPair[in[t]]
			}
		}
	}

	out, err := recallForward(c, q, k, v, beta, g)
	if err != nil {
		return nil, err
	}

	// Decode every query to its nearest value token.
	pred := make([]int32, B*T)
	res := &RecallResult{ByPair: make([]float64, c.Pairs), State: DK * DV}
	if c.Mixer == "softmax" {
		res.State = T * (DK + DV)
	}
	const bins = 16
	width := float64(T) / bins
	hit, n, keep := make([]float64, bins), make([]float64, bins), make([]float64, bins)
	pairHit, pairN := make([]float64, c.Pairs), make([]float64, c.Pairs)
	var reHit, reN float64
	o := make([]float64, DV)
	for bt, i := range pairOf {
		if i < 0 {
			continue
		}
		t := bt % T
		want := valEmb[batch.Targets[bt]]
		var dot, vv float64
		for j := range DV {
			o[j] = float64(out[bt*DV+j])
			dot += o[j] * float64(want[j])
			vv += float64(want[j]) * float64(want[j])
			if c.Noise > 0 {
				o[j] += c.Noise * r.NormFloat64()
			}
		}
		best, bestDot := int32(-1), math.Inf(-1)
		for tok := half; tok < vocab; tok++ {
			var d float64
			for j, e := range valEmb[tok] {
				d += o[j] * float64(e)
			}
			if d > bestDot {
				best, bestDot = int32(tok), d
			}
		}
		pred[bt] = best
		ok := 0.0
		if best == batch.Targets[bt] {
			ok = 1
		}
		pairHit[i] += ok
		pairN[i]++
		if i >= c.Pairs-c.Rebind {
			reHit += ok
			reN++
		}
		bin := min(int(float64(t-(2*i+1))/width), bins-1)
		hit[bin] += ok
		n[bin]++
		keep[bin] += dot / vv
	}
	res.Accuracy = eval.Accuracy(batch, pred)
	for i := range c.Pairs {
		res.ByPair[i] = pairHit[i] / pairN[i] // 0/0 is NaN: no query wants pair i
	}
	if reN > 0 {
		res.Rebound = reHit / reN
	}
	for i := range bins {
		if n[i] > 0 {
			res.GapX = append(res.GapX, (float64(i)+0.5)*width)
			res.GapAcc = append(res.GapAcc, hit[i]/n[i])
			res.GapKeep = append(res.GapKeep, keep[i]/n[i])
		}
	}
	return res, ctx.Err()
}

// recallForward runs the mixer on q, k (B,T,DK), v (B,T,DV), beta and g
// (B,T), one head, and returns its output (B,T,DV).
func recallForward(c RecallConfig, q, k, v, beta, g []float32) ([]float32, error) {
	B, T, DK, DV := c.Rows, c.T, c.DK, c.DV
	gr := gpu.NewGraph()
	var o *gpu.Node
	if c.Mixer == "softmax" {
		qn := gr.Const(gpu.FromData(q, B, T, DK))
		kn := gr.Const(gpu.FromData(k, B, T, DK))
		vn := gr.Const(gpu.FromData(v, B, T, DV))
		// Position t attends to the writes at positions ≤ t only: an
		// additive mask of −1e9 elsewhere (every row's first column is
		// open, so no row of the softmax is empty).
		mask := gpu.NewTensor(B, T, T)
		for b := range B {
			for t := range T {
				for s := range T {
					if s > 0 && (s > t || beta[b*T+s] == 0) {
						mask.Data[(b*T+t)*T+s] = -1e9
					}
				}
			}
		}
		logits := gpu.Scale(gpu.MatMulT(qn, kn, false, true), c.Sharp) // (B,T,T)
		a := gpu.Softmax(gpu.Add(logits, gr.Const(mask)), 1)
		o = gpu.MatMul(a, vn) // (B,T,DV)
	} else {
		qn := gr.Const(gpu.FromData(q, B, T, 1, DK))
		kn := gr.Const(gpu.FromData(k, B, T, 1, DK))
		vn := gr.Const(gpu.FromData(v, B, T, 1, DV))
		bn := gr.Const(gpu.FromData(beta, B, T, 1))
		gn := gr.Const(gpu.FromData(g, B, T, 1))
		switch c.Mixer {
		case "linear":
			o = gpu.LinearAttention(qn, kn, vn, 1)
		case "gated_linear":
			o = gpu.SSDScan(qn, kn, vn, gn, 1)
		case "delta":
			o = gpu.DeltaRule(qn, kn, vn, bn, 1)
		case "gated_delta":
			o = gpu.GatedDeltaRule(qn, kn, vn, bn, gn, 1)
		}
	}
	prog, err := gpu.Compile(gr, nil, hostBackend(), &gpu.Options{NoGrad: true, Outputs: []*gpu.Node{o}})
	if err != nil {
		return nil, fmt.Errorf("arch: recall: %w", err)
	}
	prog.Forward()
	return prog.Value(o).Data, nil
}

// unitRows returns n random unit vectors of width d.
func unitRows(r *rand.Rand, n, d int) [][]float32 {
	rows := make([][]float32, n)
	for i := range rows {
		rows[i] = randomUnit(r, d)
	}
	return rows
}

func randomUnit(r *rand.Rand, d int) []float32 {
	x := make([]float64, d)
	var s float64
	for s == 0 {
		s = 0
		for j := range x {
			x[j] = r.NormFloat64()
			s += x[j] * x[j]
		}
	}
	out := make([]float32, d)
	for j := range x {
		out[j] = float32(x[j] / math.Sqrt(s))
	}
	return out
}

// orthonormal returns the d columns of a random rotation (Gram–Schmidt on
// Gaussian vectors, in float64) as d unit vectors.
func orthonormal(r *rand.Rand, d int) [][]float32 {
	basis := make([][]float64, 0, d)
	for len(basis) < d {
		x := make([]float64, d)
		for j := range x {
			x[j] = r.NormFloat64()
		}
		for _, e := range basis {
			var p float64
			for j := range x {
				p += x[j] * e[j]
			}
			for j := range x {
				x[j] -= p * e[j]
			}
		}
		var s float64
		for _, xj := range x {
			s += xj * xj
		}
		if s < 1e-12 {
			continue // drew (almost) inside the span so far: draw again
		}
		for j := range x {
			x[j] /= math.Sqrt(s)
		}
		basis = append(basis, x)
	}
	out := make([][]float32, d)
	for i, e := range basis {
		out[i] = make([]float32, d)
		for j, x := range e {
			out[i][j] = float32(x)
		}
	}
	return out
}

// positiveRows returns n unit vectors of width d with positive entries:
// elu(x)+1 of a Gaussian x, normalised, linear attention's feature map.
func positiveRows(r *rand.Rand, n, d int) [][]float32 {
	rows := make([][]float32, n)
	for i := range rows {
		x := make([]float64, d)
		var s float64
		for j := range x {
			z := r.NormFloat64()
			if z < 0 {
				z = math.Exp(z) - 1
			}
			x[j] = z + 1
			s += x[j] * x[j]
		}
		rows[i] = make([]float32, d)
		for j := range x {
			rows[i][j] = float32(x[j] / math.Sqrt(s))
		}
	}
	return rows
}
