package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
