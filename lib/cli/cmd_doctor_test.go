package cli

import (
	"errors"
	"strings"
	"testing"

	"github.com/archlab/archlab/gpu"
)

// fakeWorld is a machine described by what is on PATH, what commands print
// and which files exist.
type fakeWorld struct {
	path  map[string]bool
	runs  map[string]string // "name arg..." prefix → output; missing = error
	env   map[string]string
	files map[string]bool
	auto  *gpu.Choice // what --device auto opens; nil: nothing opens
}

func (w fakeWorld) prober() prober {
	return prober{
		lookPath: func(f string) (string, error) {
			if w.path[f] {
				return "/usr/bin/" + f, nil
			}
			return "", errors.New("not found")
		},
		run: func(name string, args ...string) (string, error) {
			key := strings.TrimPrefix(name, "/usr/bin/") + " " + strings.Join(args, " ")
			for k, v := range w.runs {
				if strings.HasPrefix(key, k) {
					return v, nil
				}
			}
			return "boom: no such thing", errors.New("exit status 1")
		},
		getenv: func(k string) string { return w.env[k] },
		stat: func(p string) error {
			if w.files[p] {
				return nil
			}
			return errors.New("no such file")
		},
		glob: func(p string) ([]string, error) {
			if w.files[p] {
				return []string{p}, nil
			}
			return nil, nil
		},
		auto: func() (gpu.Choice, error) {
			if w.auto == nil {
				return gpu.Choice{}, errors.New("gpu: device auto: no backend opens (cuda: not built into this binary)")
			}
			return *w.auto, nil
		},
	}
}

func find(cs []check, name string) check {
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	return check{}
}

func TestDoctor(t *testing.T) {
	good := fakeWorld{
		path: map[string]bool{"go": true, "nvcc": true, "nvidia-smi": true, "sbatch": true, "squeue": true, "scancel": true, "scontrol": true, "sinfo": true},
		runs: map[string]string{
			"go env GOVERSION":                        "go1.26.8",
			"python3 -c import jupyter_client":        "7.4.9",
			"python3 -m jupyter_client.kernelspecapp": `{"kernelspecs":{"archlab":{"resource_dir":"/k/archlab","spec":{"argv":["/opt/archlab","kernel","{connection_file}"]}}}}`,
			"python3 -c import torch":                 "1.13.1",
			"nvcc --version":                          "Cuda compilation tools\nrelease 12.4",
			"nvidia-smi -L":                           "GPU 0: NVIDIA H200",
			"sinfo":                                   "debug* up 1",
			"squeue --json":                           `{"jobs": []}`,
			"scontrol show config":                    "AccountingStorageType   = accounting_storage/slurmdbd",
		},
		env:   map[string]string{"OPENAI_BASE_URL": "http://127.0.0.1:8000/v1", "OPENAI_API_KEY": "sk-secret-123", "ARCHLAB_CUDA_LIB": "/opt/cuda"},
		files: map[string]bool{"/usr/lib/*-linux-gnu/libopenblas.so": true, "/opt/archlab": true, "/opt/cuda/" + cudaModuleName: true},
		auto:  &gpu.Choice{Device: "cuda", Reason: "auto chose cuda: cuda-cublas on NVIDIA H200"},
	}
	cpuOnly := good
	cpuOnly.auto = &gpu.Choice{Device: "cpu", Reason: "auto chose cpu: cpu-openblas (passed over cuda: gpu/cuda: libarchlab_cuda.so not found)"}
	bare := fakeWorld{path: map[string]bool{"go": true}, runs: map[string]string{"go env GOVERSION": "go1.22.1"}}

	tests := []struct {
		world     fakeWorld
		name      string
		wantOK    bool
		wantFound string
		wantFix   string
	}{
		{good, "go", true, "go1.26.8", ""},
		{bare, "go", false, "go1.22.1", "Go 1.26 or newer"},
		{good, "openblas", true, "libopenblas.so", ""},
		{bare, "openblas", false, "not found", "libopenblas-dev"},
		{good, "jupyter", true, "7.4.9", ""},
		{bare, "jupyter", false, "not importable", "python3-jupyter-client"},
		{good, "kernelspec", true, "/k/archlab", ""},
		{bare, "kernelspec", false, "cannot list", "archlab install"},
		{good, "pytorch", true, "1.13.1", ""},
		{bare, "pytorch", false, "benchmarks", "python3-torch"},
		{good, "gpu", true, "H200", ""},
		{bare, "gpu", false, "CPU backend", ""},
		{good, "cuda-module", true, "/opt/cuda/" + cudaModuleName, ""},
		{good, "device", true, "--device auto → cuda: cuda-cublas on NVIDIA H200", ""},
		{cpuOnly, "device", true, "--device auto → cpu: cpu-openblas (passed over cuda: gpu/cuda: libarchlab_cuda.so not found)", ""},
		{bare, "device", false, "opens nothing", "--device cpu"},
		{good, "slurm", true, "debug", ""},
		{good, "slurm", true, "squeue --json ok; accounting accounting_storage/slurmdbd (sacct)", ""},
		{bare, "slurm", false, "missing sbatch", "slurm-wlm"},
		{good, "llm", true, "127.0.0.1:8000", ""},
		{bare, "llm", true, "offline agents", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.wantFound, func(t *testing.T) {
			c := find(runDoctor(tt.world.prober()), tt.name)
			if c.Name == "" {
				t.Fatalf("no %q check", tt.name)
			}
			if c.OK != tt.wantOK {
				t.Errorf("ok = %v, want %v (%+v)", c.OK, tt.wantOK, c)
			}
			if !strings.Contains(c.Found, tt.wantFound) {
				t.Errorf("found = %q, want it to contain %q", c.Found, tt.wantFound)
			}
			if !strings.Contains(c.Fix, tt.wantFix) {
				t.Errorf("fix = %q, want it to contain %q", c.Fix, tt.wantFix)
			}
		})
	}
}

// TestDoctorNeverPrintsKeys pins that API keys stay out of doctor's output.
func TestDoctorNeverPrintsKeys(t *testing.T) {
	w := fakeWorld{env: map[string]string{"OPENAI_API_KEY": "sk-very-secret", "ANTHROPIC_API_KEY": "ant-secret"}}
	var b strings.Builder
	printChecks(&b, runDoctor(w.prober()))
	if strings.Contains(b.String(), "secret") {
		t.Fatalf("doctor printed a key:\n%s", b.String())
	}
	if !strings.Contains(b.String(), "key set") {
		t.Errorf("doctor should say a key is set:\n%s", b.String())
	}
}

func TestGoAtLeast(t *testing.T) {
	for v, want := range map[string]bool{"go1.26.8": true, "go1.26": true, "go1.25.3": false, "go2.0": true, "devel": false} {
		if got := goAtLeast(v, 26); got != want {
			t.Errorf("goAtLeast(%q) = %v, want %v", v, got, want)
		}
	}
}
