package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runBench(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = Main(append([]string{"bench"}, args...), strings.NewReader(""), &o, &e)
	return code, o.String(), e.String()
}

func TestBenchUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string // in stdout+stderr
	}{
		{nil, 2, "train"},
		{[]string{"--help"}, 0, "train"},
		{[]string{"nope"}, 2, `unknown benchmark "nope"`},
		{[]string{"train", "--help"}, 0, "--vs-torch"},
		{[]string{"train", "--model", "nope"}, 1, `unknown preset "nope"`},
		{[]string{"train", "extra"}, 2, "unexpected arguments"},
		{[]string{"train", "--device", "tpu"}, 2, `--device "tpu": unknown device`},
	} {
		code, out, errs := runBench(tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.want) {
			t.Errorf("bench %q: exit %d, output %q; want exit %d and %q", tc.args, code, out+errs, tc.code, tc.want)
		}
	}
}

// TestBenchTrainTiny runs the real benchmark on the deltanet-tiny preset and checks
// the JSON line's fields.
func TestBenchTrainTiny(t *testing.T) {
	code, out, errs := runBench("train", "--model", "deltanet-tiny", "--steps", "1", "--threads", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not one JSON line: %q: %v", out, err)
	}
	for _, k := range []string{"tokens_per_s", "step_ms", "params", "gflops_per_s", "peak_rss_mb", "backend", "sgemm_gflops_per_s", "device", "device_reason"} {
		if _, ok := r[k]; !ok {
			t.Errorf("JSON line lacks %q: %s", k, out)
		}
	}
	if r["tokens_per_s"].(float64) <= 0 {
		t.Errorf("tokens_per_s %v", r["tokens_per_s"])
	}
}

// TestBenchZoo trains two zoo layers at the test stage through the
// loop's worker, ranks them, and reports them again without training.
func TestBenchZoo(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1")
	out := t.TempDir()
	// softmax attention is quadratic by design: the zoo bench trains it anyway.
	code, stdout, stderr := runCLI("bench", "zoo", "--out", out, "--layers", "deltanet,linear_attention,softmax_attention_rope", "--stage", "test")
	if code != 0 || !strings.Contains(stdout, "| 1 | ") || !strings.Contains(stdout, "linear_attention") || !strings.Contains(stdout, "| deltanet |") ||
		strings.Contains(stdout, "failed") || !strings.Contains(stdout, "| softmax_attention_rope |") {
		t.Fatalf("bench zoo: exit %d\n%s\n%s", code, stdout, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "zoo.json"))
	if err != nil || !strings.Contains(string(b), `"layer": "deltanet"`) {
		t.Fatalf("zoo.json: %v\n%s", err, b)
	}
	code, again, _ := runCLI("bench", "zoo", "--out", out, "--layers", "deltanet,linear_attention,softmax_attention_rope", "--stage", "test", "--report")
	if code != 0 || again != stdout {
		t.Errorf("--report differs from the run it reports (exit %d):\n%s\nvs\n%s", code, again, stdout)
	}
	// Another list finds each layer's run again (folders follow the zoo's order).
	if code, one, stderr := runCLI("bench", "zoo", "--out", out, "--layers", "linear_attention", "--stage", "test", "--report"); code != 0 || !strings.Contains(one, "| 1 | linear_attention |") {
		t.Errorf("--layers linear_attention --report: exit %d\n%s\n%s", code, one, stderr)
	}
	for _, args := range [][]string{
		{"bench", "zoo", "--out", out, "--layers", "nosuch"},
		{"bench", "zoo", "--out", out, "--stage", "huge"},
		{"bench", "zoo"},
	} {
		if code, _, stderr := runCLI(args...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d %q, want 2 and a message", args, code, stderr)
		}
	}
}
