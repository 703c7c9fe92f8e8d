package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTrainUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"train"}, 2, "--arch is required"},
		{[]string{"train", "--arch", "zoo:deltanet", "--preset", "huge"}, 2, `unknown preset "huge"`},
		{[]string{"train", "--arch", "zoo:nope"}, 2, "no zoo layer"},
		{[]string{"train", "--arch", "zoo:deltanet", "--steps", "x"}, 2, "invalid value"},
		{[]string{"train", "--arch", "missing.go"}, 2, "missing.go"},
	}
	for _, tc := range tests {
		code, _, errs := runMainArch(tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.err) {
			t.Errorf("%v: code %d, want %d; stderr %q, want %q", tc.args, code, tc.code, errs, tc.err)
		}
	}
}

func TestTrainTiny(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runMainArch("train", "--arch", "zoo:linear_attention", "--preset", "tiny", "--task", "mqar-t64-kv8",
		"--d", "32", "--layers", "1", "--heads", "2", "--steps", "3", "--threads", "1", "-q", "--out", dir)
	if code != 0 {
		t.Fatalf("code %d\n%s", code, errs)
	}
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res["status"] != "ok" || res["steps"].(float64) != 3 {
		t.Fatalf("result %s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "result.json")); err != nil {
		t.Fatal(err)
	}
}
