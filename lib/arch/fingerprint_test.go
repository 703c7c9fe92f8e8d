package arch

import (
	"context"
	"strings"
	"testing"
)

// TestFingerprint: renaming parameters, fields and variables, adding
// comments and reordering independent statements keeps the fingerprint;
// changing an op, a constant, an init, a shape or an edge changes it.
func TestFingerprint(t *testing.T) {
	base, err := ZooSource("deltanet")
	if err != nil {
		t.Fatal(err)
	}
	cfg := CheckConfig{ProbeT: []int{5, 17}}
	fp := func(src string) string {
		t.Helper()
		l, err := Parse("x.go", src)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Fingerprint(context.Background(), l, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	want := fp(base)
	edit := func(pairs ...string) string {
		src := base
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(src, pairs[i]) {
				t.Fatalf("%q not in deltanet.go", pairs[i])
			}
			src = strings.ReplaceAll(src, pairs[i], pairs[i+1])
		}
		return src
	}
	same := map[string]string{
		"parameter names":          edit(`"wq"`, `"query"`, `"wk"`, `"key"`, `"norm"`, `"gamma"`),
		"field and variable names": edit("Wq", "Query", "beta", "strength", "o := ", "out := ", "o = ", "out = ", "(o, l.Norm)", "(out, l.Norm)", "MergeHeads(o)", "MergeHeads(out)"),
		"comments":                 edit("func (l *Layer) Forward", "// Forward is the layer.\nfunc (l *Layer) Forward"),
		"statement order":          edit("\tq := op.SiLU(op.ShortConv(op.Linear(x, l.Wq), l.Cq))\n\tk := op.SiLU(op.ShortConv(op.Linear(x, l.Wk), l.Ck))\n", "\tk := op.SiLU(op.ShortConv(op.Linear(x, l.Wk), l.Ck))\n\tq := op.SiLU(op.ShortConv(op.Linear(x, l.Wq), l.Cq))\n"),
		"declaration order":        edit("\t\tWq:    p.Linear(\"wq\", c.D, c.D),\n\t\tWk:    p.Linear(\"wk\", c.D, c.D),\n", "\t\tWk:    p.Linear(\"wk\", c.D, c.D),\n\t\tWq:    p.Linear(\"wq\", c.D, c.D),\n"),
	}
	for name, src := range same {
		if got := fp(src); got != want {
			t.Errorf("%s: fingerprint changed", name)
		}
	}
	different := map[string]string{
		"an op":      edit("beta := op.Sigmoid(", "beta := op.Tanh("),
		"a constant": edit("o = op.RMSNorm(o, l.Norm)", "o = op.Scale(op.RMSNorm(o, l.Norm), 0.5)"),
		"an init":    edit(`p.Ones("norm", c.HeadDim)`, `p.Zeros("norm", c.HeadDim)`),
		"a shape":    edit(`p.Conv("cq", c.D, c.ConvSize)`, `p.Conv("cq", c.D, 2)`),
		"an edge":    edit("op.Linear(x, l.Wk)", "op.Linear(x, l.Wv)"),
		"an operand": edit("k = op.L2Norm(op.SplitHeads(k, l.Heads))", "k = op.L2Norm(op.SplitHeads(v, l.Heads))"),
	}
	for name, src := range different {
		if got := fp(src); got == want {
			t.Errorf("%s: fingerprint unchanged", name)
		}
	}
}
