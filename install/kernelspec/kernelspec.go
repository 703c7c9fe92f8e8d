package kernelspec

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"text/template"
)

// Name is the kernelspec's directory name: "jupyter kernelspec list" shows
// it, and notebooks record it as metadata.kernelspec.name.
const Name = "archlab"

// DisplayName is what the Jupyter launcher shows.
const DisplayName = "Go (archlab)"

//go:embed kernel.json.tmpl
var specTemplate string

//go:embed logo-32x32.png
var logo32 []byte

//go:embed logo-64x64.png
var logo64 []byte

// Where says which Jupyter data directory to install into.
type Where int

const (
	User      Where = iota // the user's Jupyter data dir (~/.local/share/jupyter on Linux)
	SysPrefix              // sys.prefix of a Python, e.g. /usr for /usr/bin/python3
	Prefix                 // an explicit prefix P: P/share/jupyter/kernels
)

// DefaultPython is the Python whose sys.prefix --sys-prefix uses.
const DefaultPython = "/usr/bin/python3"

// Dir returns the kernelspec directory for where. arg is the prefix for
// Prefix and the Python interpreter for SysPrefix ("" means DefaultPython).
func Dir(where Where, arg string) (string, error) {
	switch where {
	case User:
		data, err := userDataDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(data, "kernels", Name), nil
	case SysPrefix:
		py := arg
		if py == "" {
			py = DefaultPython
		}
		out, err := exec.Command(py, "-c", "import sys; print(sys.prefix)").Output()
		if err != nil {
			return "", fmt.Errorf("kernelspec: ask %s for sys.prefix: %w", py, err)
		}
		return filepath.Join(strings.TrimSpace(string(out)), "share", "jupyter", "kernels", Name), nil
	case Prefix:
		if arg == "" {
			return "", errors.New("kernelspec: empty prefix")
		}
		abs, err := filepath.Abs(arg)
		if err != nil {
			return "", fmt.Errorf("kernelspec: prefix %q: %w", arg, err)
		}
		return filepath.Join(abs, "share", "jupyter", "kernels", Name), nil
	}
	return "", fmt.Errorf("kernelspec: unknown location %d", where)
}

// userDataDir is jupyter_core's jupyter_data_dir(): $JUPYTER_DATA_DIR, else
// ~/Library/Jupyter on macOS, else $XDG_DATA_HOME/jupyter or
// ~/.local/share/jupyter.
func userDataDir() (string, error) {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("kernelspec: %w", err)
	}
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter"), nil
	case "windows":
		if a := os.Getenv("APPDATA"); a != "" {
			return filepath.Join(a, "jupyter"), nil
		}
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter"), nil
}

// Spec renders kernel.json for the archlab binary at binary, which must be
// an absolute path: Jupyter starts kernels from any working directory.
func Spec(binary string) ([]byte, error) {
	if !filepath.IsAbs(binary) {
		return nil, fmt.Errorf("kernelspec: binary path %q is not absolute", binary)
	}
	t, err := template.New("kernel.json").Funcs(template.FuncMap{
		"json": func(s string) (string, error) {
			b, err := json.Marshal(s)
			return string(b), err
		},
	}).Parse(specTemplate)
	if err != nil {
		return nil, fmt.Errorf("kernelspec: template: %w", err)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, struct{ Binary string }{binary}); err != nil {
		return nil, fmt.Errorf("kernelspec: render: %w", err)
	}
	if !json.Valid(buf.Bytes()) {
		return nil, errors.New("kernelspec: rendered kernel.json is not valid JSON")
	}
	return buf.Bytes(), nil
}

// Install writes kernel.json and the logos into dir (created if needed),
// replacing an earlier install.
func Install(dir, binary string) error {
	spec, err := Spec(binary)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("kernelspec: %w", err)
	}
	for name, b := range map[string][]byte{
		"kernel.json": spec,
		LogoName(32):  logo32,
		LogoName(64):  logo64,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("kernelspec: %w", err)
		}
	}
	return nil
}

// LogoName is the file name Jupyter expects for a size×size logo.
func LogoName(size int) string { return fmt.Sprintf("logo-%dx%d.png", size, size) }

// EncodeLogo returns Logo(size) as PNG bytes.
func EncodeLogo(size int) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, Logo(size)); err != nil {
		return nil, fmt.Errorf("kernelspec: encode logo: %w", err)
	}
	return buf.Bytes(), nil
}
