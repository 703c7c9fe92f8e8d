package kernelspec_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlab/archlab/install/kernelspec"
)

// TestLogosFresh fails when the committed PNGs are not what the generator
// draws (run "go generate ./install/kernelspec" after changing Logo).
func TestLogosFresh(t *testing.T) {
	for _, size := range []int{32, 64} {
		want, err := kernelspec.EncodeLogo(size)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(kernelspec.LogoName(size))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go generate ./install/kernelspec", kernelspec.LogoName(size))
		}
	}
}

func TestLogoShape(t *testing.T) {
	img := kernelspec.Logo(64)
	if img.Bounds().Dx() != 64 || img.Bounds().Dy() != 64 {
		t.Fatalf("bounds %v", img.Bounds())
	}
	if a := img.NRGBAAt(0, 0).A; a != 0 {
		t.Errorf("corner alpha %d, want 0 (rounded corners)", a)
	}
	if c := img.NRGBAAt(32, 5); c.A != 255 || c.B < 200 {
		t.Errorf("top middle %v, want opaque Go blue", c)
	}
}

func TestInstall(t *testing.T) {
	prefix := t.TempDir()
	dir, err := kernelspec.Dir(kernelspec.Prefix, prefix)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(prefix, "share", "jupyter", "kernels", "archlab"); dir != want {
		t.Fatalf("Dir = %s, want %s", dir, want)
	}
	bin := `/opt/my "arch"lab/bin/archlab`
	if err := kernelspec.Install(dir, bin); err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Argv          []string `json:"argv"`
		DisplayName   string   `json:"display_name"`
		Language      string   `json:"language"`
		InterruptMode string   `json:"interrupt_mode"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%q %s %s %s", spec.Argv, spec.DisplayName, spec.Language, spec.InterruptMode)
	want := fmt.Sprintf("%q Go (archlab) go message", []string{bin, "kernel", "{connection_file}"})
	if got != want {
		t.Errorf("kernel.json:\n-%s\n+%s", want, got)
	}
	for _, f := range []string{"logo-32x32.png", "logo-64x64.png"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if err := kernelspec.Install(dir, "relative/archlab"); err == nil {
		t.Error("relative binary path accepted")
	}
}

func TestDir(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", "/data/jup")
	if d, _ := kernelspec.Dir(kernelspec.User, ""); d != "/data/jup/kernels/archlab" {
		t.Errorf("User with JUPYTER_DATA_DIR: %s", d)
	}
	t.Setenv("JUPYTER_DATA_DIR", "")
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/u")
	if d, _ := kernelspec.Dir(kernelspec.User, ""); d != "/home/u/.local/share/jupyter/kernels/archlab" {
		t.Errorf("User: %s", d)
	}
	if _, err := kernelspec.Dir(kernelspec.Prefix, ""); err == nil {
		t.Error("empty prefix accepted")
	}
	if _, err := exec.LookPath(kernelspec.DefaultPython); err != nil {
		t.Skipf("no %s: --sys-prefix not checked", kernelspec.DefaultPython)
	}
	d, err := kernelspec.Dir(kernelspec.SysPrefix, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(d, "/share/jupyter/kernels/archlab") {
		t.Errorf("SysPrefix: %s", d)
	}
}
