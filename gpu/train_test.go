package gpu

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// tinyLM builds embedding → RMSNorm → SwiGLU MLP (residual) → head.
func tinyLM(B, T, V, C int) (*Graph, *Node) {
	g := NewGraph()
	ids := g.Tokens("ids", V, B, T)
	tgt := g.Tokens("targets", V, B, T)
	x := Embedding(ids, g.Param("emb", []int{V, C}, Normal(0.5)))
	l := g.Sub("mlp")
	h := RMSNorm(x, l.Param("norm", []int{C}, Ones()), 1e-5)
	h = MatMul(SwiGLU(MatMul(h, l.Param("w1", []int{C, 4 * C}, LinearInit()))), l.Param("w2", []int{2 * C, C}, LinearInit()))
	x = Add(x, h)
	logits := MatMul(RMSNorm(x, g.Param("norm_f", []int{C}, Ones()), 1e-5), g.Param("head", []int{C, V}, LinearInit()))
	return g, CrossEntropy(logits, tgt)
}

// TestTinyLMLearns trains a small LM on a deterministic sequence
// (next = (3·prev + 1) mod V) and checks the loss falls well below the
// uniform ln V.
func TestTinyLMLearns(t *testing.T) {
	const B, T, V, C = 4, 12, 11, 16
	g, loss := tinyLM(B, T, V, C)
	prog, err := Compile(g, loss, Reference(), &Options{Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	if got := prog.Params().List()[1].Name; got != "mlp.norm" {
		t.Errorf("second param %q, want mlp.norm (Sub prefix)", got)
	}
	cfg := DefaultAdamW()
	cfg.LR, cfg.ClipNorm = 1e-2, 1
	opt := NewAdamW(prog.Params(), cfg)
	r := rand.New(rand.NewPCG(1, 2))
	ids, tg := make([]int32, B*T), make([]int32, B*T)
	var first, last float32
	sched := Cosine(1e-2, 1e-3, 5, 150)
	for step := range 150 {
		for b := range B {
			v := int32(r.IntN(V))
			for i := range T {
				ids[b*T+i] = v
				v = (3*v + 1) % V
				tg[b*T+i] = v
			}
		}
		if err := prog.SetTokens("ids", ids); err != nil {
			t.Fatal(err)
		}
		if err := prog.SetTokens("targets", tg); err != nil {
			t.Fatal(err)
		}
		l, err := prog.TrainStep(step, opt, sched(step))
		if err != nil {
			t.Fatal(err)
		}
		if step == 0 {
			first = l
		}
		last = l
	}
	if math.Abs(float64(first)-math.Log(V)) > 0.5 {
		t.Errorf("initial loss %v, want about ln %d = %.2f", first, V, math.Log(V))
	}
	if last > 0.3 {
		t.Errorf("loss after 150 steps %v (from %v), want < 0.3", last, first)
	}
}

func TestShapeErrorNamesOpAndShapes(t *testing.T) {
	g := NewGraph()
	a, b := g.Input("a", 8, 16), g.Input("b", 12, 4)
	defer func() {
		r := recover()
		se, ok := r.(*ShapeError)
		if !ok {
			t.Fatalf("panic %v, want *ShapeError", r)
		}
		if msg := se.Error(); !strings.Contains(msg, "MatMul") || !strings.Contains(msg, "[8 16]") || !strings.Contains(msg, "[12 4]") {
			t.Errorf("message %q does not name the op and both shapes", msg)
		}
	}()
	MatMul(a, b)
}

func TestNonFiniteStopsNamingTensor(t *testing.T) {
	g := NewGraph()
	x := g.Input("x", 2, 3)
	w := g.Param("w", []int{3, 3}, Ones())
	loss := SumAll(Log(MatMul(x, w)).Named("logits"))
	prog, err := Compile(g, loss, Reference(), nil)
	if err != nil {
		t.Fatal(err)
	}
	prog.SetInput("x", []float32{1, 2, 3, -4, -5, -6}) // log of negatives: NaN
	opt := NewAdamW(prog.Params(), DefaultAdamW())
	_, err = prog.TrainStep(7, opt, 1e-3)
	var nf *NonFiniteError
	if !errors.As(err, &nf) {
		t.Fatalf("err %v, want *NonFiniteError", err)
	}
	if nf.Step != 7 || !strings.Contains(nf.Tensor, `"logits"`) {
		t.Errorf("error %q: want step 7 and the tensor \"logits\"", err)
	}
	if opt.Steps() != 0 {
		t.Error("optimizer stepped on a non-finite loss")
	}
}

func TestCheckpointRoundTripAndErrors(t *testing.T) {
	g, loss := tinyLM(2, 5, 7, 8)
	prog, err := Compile(g, loss, Reference(), &Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ps := prog.Params()
	opt := NewAdamW(ps, DefaultAdamW())
	prog.SetTokens("ids", make([]int32, 10))
	prog.SetTokens("targets", make([]int32, 10))
	if _, err := prog.TrainStep(0, opt, 1e-3); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := SaveCheckpoint(&buf, ps, opt, 42, map[string]string{"preset": "tiny"}); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()

	g2, loss2 := tinyLM(2, 5, 7, 8)
	prog2, _ := Compile(g2, loss2, Reference(), &Options{Seed: 99})
	opt2 := NewAdamW(prog2.Params(), DefaultAdamW())
	ck, err := LoadCheckpoint(bytes.NewReader(raw), prog2.Params(), opt2)
	if err != nil {
		t.Fatal(err)
	}
	if ck.Step != 42 || ck.Meta["preset"] != "tiny" || opt2.Steps() != 1 {
		t.Errorf("loaded step %d meta %v adam steps %d", ck.Step, ck.Meta, opt2.Steps())
	}
	for _, p := range ps.List() {
		q := prog2.Params().Get(p.Name)
		for i := range p.Value.Data {
			if p.Value.Data[i] != q.Value.Data[i] {
				t.Fatalf("%s[%d]: %v != %v", p.Name, i, p.Value.Data[i], q.Value.Data[i])
			}
		}
		for i := range opt.m[p.Name] {
			if opt.m[p.Name][i] != opt2.m[p.Name][i] || opt.v[p.Name][i] != opt2.v[p.Name][i] {
				t.Fatalf("%s moments differ", p.Name)
			}
		}
	}

	bad := append([]byte(nil), raw...)
	bad[12] = 9 // version
	if _, err := LoadCheckpoint(bytes.NewReader(bad), prog2.Params(), nil); err == nil || !strings.Contains(err.Error(), "version 9") {
		t.Errorf("wrong version: err %v", err)
	}
	g3, loss3 := tinyLM(2, 5, 7, 12) // other width
	prog3, _ := Compile(g3, loss3, Reference(), nil)
	if _, err := LoadCheckpoint(bytes.NewReader(raw), prog3.Params(), nil); err == nil || !strings.Contains(err.Error(), "shape") {
		t.Errorf("wrong shape: err %v", err)
	}
}

func TestSharedParamsAndNoGrad(t *testing.T) {
	g, loss := tinyLM(2, 5, 7, 8)
	train, err := Compile(g, loss, Reference(), &Options{Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	g2, loss2 := tinyLM(1, 9, 7, 8)
	eval, err := Compile(g2, loss2, Reference(), &Options{Params: train.Params(), NoGrad: true})
	if err != nil {
		t.Fatal(err)
	}
	if train.Params().Get("head").Value != eval.Params().Get("head").Value {
		t.Error("eval program does not share the parameter tensors")
	}
	if err := eval.Backward(); err == nil {
		t.Error("Backward on a NoGrad program: want an error")
	}
	if err := eval.SetTokens("ids", make([]int32, 8)); err == nil {
		t.Error("SetTokens with the wrong length: want an error")
	}
	if err := eval.SetTokens("ids", []int32{0, 1, 2, 3, 4, 5, 6, 7, 8}); err == nil {
		t.Error("SetTokens with id 8 ≥ vocab 7: want an error")
	}
}

func TestSchedules(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Schedule
		step int
		want float64
	}{
		{"cosine warmup", Cosine(1, 0.1, 10, 110), 4, 0.5},
		{"cosine peak", Cosine(1, 0.1, 10, 110), 10, 1},
		{"cosine middle", Cosine(1, 0.1, 10, 110), 60, 0.55},
		{"cosine end", Cosine(1, 0.1, 10, 110), 500, 0.1},
		{"wsd stable", WSD(1, 0, 10, 20, 100), 50, 1},
		{"wsd decay half", WSD(1, 0, 10, 20, 100), 90, 0.5},
		{"wsd end", WSD(1, 0, 10, 20, 100), 100, 0},
	} {
		if got := tc.s(tc.step); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("%s: step %d: %v, want %v", tc.name, tc.step, got, tc.want)
		}
	}
}

// TestNoGradReusesBuffers checks a forward-only program computes the same
// loss as a training program while planning less memory.
func TestNoGradReusesBuffers(t *testing.T) {
	g, loss := tinyLM(3, 7, 11, 16)
	train, err := Compile(g, loss, Reference(), &Options{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	eval, err := Compile(g, loss, Reference(), &Options{Params: train.Params(), NoGrad: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int32, 21)
	for i := range ids {
		ids[i] = int32(i % 11)
	}
	for _, p := range []*Program{train, eval} {
		p.SetTokens("ids", ids)
		p.SetTokens("targets", ids)
	}
	if a, b := train.Forward(), eval.Forward(); a != b {
		t.Errorf("loss: training program %v, forward-only %v", a, b)
	}
	if eval.Bytes() >= train.Bytes() {
		t.Errorf("forward-only plan %d bytes, training plan %d: want less", eval.Bytes(), train.Bytes())
	}
}

// TestNoGradKeepsViewedConstants pins a bug: a forward-only program must
// not recycle a constant's buffer when it is only read through a view.
func TestNoGradKeepsViewedConstants(t *testing.T) {
	in := []float32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}
	g := NewGraph()
	x := g.Const(FromData(append([]float32(nil), in...), 2, 6))
	a := Exp(Reshape(x, 3, 4)) // the last reader of x (through the view)
	b := Scale(a, 2)           // would get x's buffer if it were recycled
	y := Add(b, Reshape(g.Param("p", []int{12}, Ones()), 3, 4))
	prog, err := Compile(g, nil, Reference(), &Options{NoGrad: true, Outputs: []*Node{y}})
	if err != nil {
		t.Fatal(err)
	}
	prog.Forward()
	prog.Forward() // a recycled constant would now hold 2·exp(x)
	for i, v := range prog.Value(y).Data {
		want := 2*float32(math.Exp(float64(in[i]))) + 1
		if math.Abs(float64(v-want)) > 1e-4*float64(want) {
			t.Fatalf("y[%d] = %v, want %v", i, v, want)
		}
	}
}
