package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlab/archlab/lib/arch"
)

func runMainArch(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestArchCheck(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.go")
	os.WriteFile(bad, []byte("package layer\n\nimport \"os\"\n\nvar _ = os.Args\n"), 0o644)
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"arch", "check", "zoo:deltanet"}, 0, "all checks passed"},
		{[]string{"arch", "check", "../arch/testdata/noncausal.go"}, 1, "FAIL causality"},
		{[]string{"arch", "check", "zoo:softmax_attention"}, 1, "FAIL complexity"},
		{[]string{"arch", "check", bad}, 1, `3:8: import "os" is not allowed`},
		{[]string{"arch", "check", "zoo:nope"}, 2, ""},
		{[]string{"arch", "check"}, 2, ""},
		{[]string{"arch", "zoo"}, 0, "zoo:hybrid_router"},
	}
	for _, tc := range tests {
		code, out, errs := runMainArch(tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) {
			t.Errorf("%v: code %d, want %d; stdout:\n%s\nstderr:\n%s", tc.args, code, tc.code, out, errs)
		}
	}
}

// TestArchCheckJSON pins the report's field names.
func TestArchCheckJSON(t *testing.T) {
	code, out, _ := runMainArch("arch", "check", "--json", "../arch/testdata/noncausal.go")
	if code != 1 {
		t.Fatalf("code %d", code)
	}
	var rep struct {
		Arch   string `json:"arch"`
		OK     *bool  `json:"ok"`
		Checks []struct {
			Name    string         `json:"name"`
			OK      *bool          `json:"ok"`
			Reason  string         `json:"reason"`
			Details map[string]any `json:"details"`
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.OK == nil || *rep.OK || len(rep.Checks) != 7 || rep.Checks[2].Name != "causality" || *rep.Checks[2].OK {
		t.Fatalf("unexpected report:\n%s", out)
	}
}

// TestArchCheckJSONIsReport: --json prints exactly the arch.Report that
// CheckSource returns, and still prints it when a detail is NaN.
func TestArchCheckJSONIsReport(t *testing.T) {
	const file = "../arch/testdata/noncausal.go"
	code, out, _ := runMainArch("arch", "check", "--json", file)
	if code != 1 {
		t.Fatalf("code %d", code)
	}
	var got arch.Report
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(arch.CheckSource(context.Background(), file, string(src), arch.CheckConfig{}))
	if b, _ := json.Marshal(&got); string(b) != string(want) {
		t.Fatalf("-want +got\n-%s\n+%s", want, b)
	}

	// log of a signed value: the loss is NaN, the report still prints.
	nan := filepath.Join(t.TempDir(), "nan.go")
	os.WriteFile(nan, []byte("package layer\n\nimport \"archlab/op\"\n\ntype Layer struct{ W *op.Node }\n\n"+
		"func New(p *op.Params, c op.Config) *Layer { return &Layer{W: p.Linear(\"w\", c.D, c.D)} }\n\n"+
		"func (l *Layer) Forward(x *op.Node) *op.Node { return op.Log(op.Linear(x, l.W)) }\n"), 0o644)
	code, out, errs := runMainArch("arch", "check", "--json", nan)
	var rep arch.Report
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 1 {
		t.Fatalf("code %d, %v; stdout:\n%s\nstderr:\n%s", code, err, out, errs)
	}
	if !strings.Contains(out, `"NaN"`) {
		t.Errorf("no NaN detail in:\n%s", out)
	}
}
