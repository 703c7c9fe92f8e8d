package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestKernelBadConnectionFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"transport":"tcp","ip":"127.0.0.1","key":"k","signature_scheme":"md5"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"kernel"}, 2, "exactly one argument"},
		{[]string{"kernel", filepath.Join(dir, "missing.json")}, 1, "read connection file"},
		{[]string{"kernel", bad}, 1, `signature_scheme "md5" is not supported`},
		{[]string{"kernel", "-log", "loud", bad}, 2, "-log"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := archlab(tt.args, nil, &out, &errb)
		if code != tt.code || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d and %q", tt.args, code, errb.String(), tt.code, tt.want)
		}
	}
}
