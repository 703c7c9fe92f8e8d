package cli

import (
	"bytes"
	"encoding/json"
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
	} {
		code, out, errs := runBench(tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.want) {
			t.Errorf("bench %q: exit %d, output %q; want exit %d and %q", tc.args, code, out+errs, tc.code, tc.want)
		}
	}
}

// TestBenchTrainTiny runs the real benchmark on the tiny preset and checks
// the JSON line's fields.
func TestBenchTrainTiny(t *testing.T) {
	code, out, errs := runBench("train", "--model", "tiny", "--steps", "1", "--threads", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not one JSON line: %q: %v", out, err)
	}
	for _, k := range []string{"tokens_per_s", "step_ms", "params", "gflops_per_s", "peak_rss_mb", "backend", "sgemm_gflops_per_s"} {
		if _, ok := r[k]; !ok {
			t.Errorf("JSON line lacks %q: %s", k, out)
		}
	}
	if r["tokens_per_s"].(float64) <= 0 {
		t.Errorf("tokens_per_s %v", r["tokens_per_s"])
	}
}
