package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstallPrefix(t *testing.T) {
	prefix := t.TempDir()
	bin := filepath.Join(t.TempDir(), "archlab")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := archlab([]string{"install", "--prefix", prefix, "--binary", bin}, nil, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	b, err := os.ReadFile(filepath.Join(prefix, "share/jupyter/kernels/archlab/kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct{ Argv []string }
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(bin)
	if len(spec.Argv) != 3 || spec.Argv[0] != real || spec.Argv[1] != "kernel" {
		t.Errorf("argv = %q", spec.Argv)
	}
	if !strings.Contains(out.String(), "JUPYTER_PATH="+filepath.Join(prefix, "share", "jupyter")) {
		t.Errorf("stdout does not say how to point Jupyter at the prefix: %s", out.String())
	}
}

func TestInstallUsage(t *testing.T) {
	for _, args := range [][]string{
		{"install", "--user", "--prefix", "/x"},
		{"install", "extra"},
	} {
		var out, errb bytes.Buffer
		if code := archlab(args, nil, &out, &errb); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}
