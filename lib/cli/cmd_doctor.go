package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/archlab/archlab/gpu"
	"github.com/archlab/archlab/gpu/cuda"
)

// check is one line of "archlab doctor": a name, whether it passed, what was
// found, and (for a failure) what to do about it.
type check struct {
	Name     string `json:"name"`
	OK       bool   `json:"ok"`
	Optional bool   `json:"optional"` // a failure here does not fail doctor
	Found    string `json:"found"`
	Fix      string `json:"fix,omitempty"`
}

// prober is the outside world as doctor sees it, so tests can replace it.
type prober struct {
	lookPath func(file string) (string, error)
	run      func(name string, args ...string) (string, error)
	getenv   func(key string) string
	stat     func(path string) error
	glob     func(pattern string) ([]string, error)
	auto     func() (gpu.Choice, error) // the device --device auto opens here
}

func realProber() prober {
	return prober{
		lookPath: exec.LookPath,
		run: func(name string, args ...string) (string, error) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			var stderr strings.Builder
			cmd := exec.CommandContext(ctx, name, args...)
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil && len(out) == 0 {
				// The reason is on stderr; callers print its last line.
				return strings.TrimSpace(stderr.String()), err
			}
			return strings.TrimSpace(string(out)), err
		},
		getenv: os.Getenv,
		stat:   func(p string) error { _, err := os.Stat(p); return err },
		glob:   filepath.Glob,
		auto: func() (gpu.Choice, error) {
			b, choice, err := gpu.Resolve(gpu.Auto, gpu.OpenOptions{Threads: 1})
			if err == nil {
				gpu.Close(b)
			}
			return choice, err
		},
	}
}

// systemPython is the interpreter that Debian's Jupyter and PyTorch packages
// install into; the python3 first on PATH may be another one.
const systemPython = "/usr/bin/python3"

func cmdDoctor(env *Env) int {
	fs := newFlags(env, "doctor", "[--json]", `Check this machine's set-up: one line per dependency with ✓ or ✗, and for each ✗
what to do. Exits 1 when a required check fails (optional ones only warn).`)
	asJSON := fs.Bool("json", false, "print the checks as a JSON array")
	if code, done := parseFlags(env, fs); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "archlab doctor: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	checks := runDoctor(realProber())
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(checks); err != nil {
			fmt.Fprintf(env.Stderr, "archlab doctor: %v\n", err)
			return 1
		}
	} else {
		printChecks(env.Stdout, checks)
	}
	for _, c := range checks {
		if !c.OK && !c.Optional {
			return 1
		}
	}
	return 0
}

func printChecks(w io.Writer, checks []check) {
	for _, c := range checks {
		mark := "✓"
		if !c.OK {
			mark = "✗"
		}
		opt := ""
		if c.Optional && !c.OK {
			opt = " (optional)"
		}
		fmt.Fprintf(w, "%s %-14s %s%s\n", mark, c.Name, c.Found, opt)
		if !c.OK && c.Fix != "" {
			fmt.Fprintf(w, "  → %s\n", c.Fix)
		}
	}
}

func runDoctor(p prober) []check {
	return []check{
		checkGo(p),
		checkOpenBLAS(p),
		checkJupyter(p),
		checkKernelspec(p),
		checkTorch(p),
		checkGPU(p),
		checkCUDAModule(p),
		checkAutoDevice(p),
		checkSlurm(p),
		checkLLM(p),
	}
}

var goVersionRE = regexp.MustCompile(`go(\d+)\.(\d+)`)

// goAtLeast reports whether a "go1.26.3"-style version is at least 1.minor.
func goAtLeast(v string, minor int) bool {
	m := goVersionRE.FindStringSubmatch(v)
	if m == nil {
		return false
	}
	major, _ := strconv.Atoi(m[1])
	mn, _ := strconv.Atoi(m[2])
	return major > 1 || (major == 1 && mn >= minor)
}

func checkGo(p prober) check {
	c := check{Name: "go"}
	built := runtime.Version()
	path, err := p.lookPath("go")
	if err != nil {
		c.Found = "no go on PATH (this binary was built with " + built + ")"
		c.Fix = "install Go 1.26 or newer from go.dev/dl and put its bin folder on PATH"
		return c
	}
	out, err := p.run(path, "env", "GOVERSION")
	if err != nil || out == "" {
		c.Found = "go at " + path + " does not answer `go env GOVERSION`"
		c.Fix = "reinstall Go 1.26 or newer"
		return c
	}
	c.Found = out + " at " + path
	c.OK = goAtLeast(out, 26)
	if !c.OK {
		c.Fix = "archlab needs Go 1.26 or newer: upgrade from go.dev/dl"
	}
	return c
}

func checkOpenBLAS(p prober) check {
	c := check{Name: "openblas"}
	for _, pat := range []string{
		"/usr/lib/*-linux-gnu/libopenblas.so",
		"/usr/lib/*-linux-gnu/openblas*/libopenblas.so",
		"/usr/lib/libopenblas.so",
		"/usr/local/lib/libopenblas.so",
	} {
		if m, _ := p.glob(pat); len(m) > 0 {
			c.OK = true
			c.Found = m[0]
			return c
		}
	}
	c.Found = "libopenblas.so not found (the CPU backend needs it to link)"
	c.Fix = "apt-get install libopenblas-dev (or install/setup.sh); a slower pure-Go build: go build -tags noblas"
	return c
}

func checkJupyter(p prober) check {
	c := check{Name: "jupyter"}
	out, err := p.run(systemPython, "-c", "import jupyter_client; print(jupyter_client.__version__)")
	if err != nil {
		c.Found = "jupyter_client not importable by " + systemPython
		c.Fix = "apt-get install python3-jupyter-client jupyter-client python3-nbclient jupyter-nbconvert (or install/setup.sh)"
		return c
	}
	c.OK = true
	c.Found = "jupyter_client " + lastLine(out)
	return c
}

func checkKernelspec(p prober) check {
	c := check{Name: "kernelspec"}
	out, err := p.run(systemPython, "-m", "jupyter_client.kernelspecapp", "list", "--json")
	if err != nil {
		c.Found = "cannot list Jupyter kernelspecs"
		c.Fix = "install Jupyter first (see the jupyter line), then run: archlab install"
		return c
	}
	var specs struct {
		Kernelspecs map[string]struct {
			ResourceDir string `json:"resource_dir"`
			Spec        struct {
				Argv []string `json:"argv"`
			} `json:"spec"`
		} `json:"kernelspecs"`
	}
	if err := json.Unmarshal([]byte(out), &specs); err != nil {
		c.Found = "unreadable kernelspec list: " + err.Error()
		c.Fix = "run: jupyter kernelspec list, and fix what it reports"
		return c
	}
	ks, ok := specs.Kernelspecs["archlab"]
	if !ok {
		c.Found = "kernel \"archlab\" is not installed"
		c.Fix = "run: archlab install (or install/setup.sh)"
		return c
	}
	if len(ks.Spec.Argv) > 0 {
		if err := p.stat(ks.Spec.Argv[0]); err != nil {
			c.Found = "installed at " + ks.ResourceDir + " but its binary " + ks.Spec.Argv[0] + " is missing"
			c.Fix = "run archlab install again from the binary you want Jupyter to start"
			return c
		}
	}
	c.OK = true
	c.Found = "archlab at " + ks.ResourceDir
	return c
}

func checkTorch(p prober) check {
	c := check{Name: "pytorch", Optional: true}
	out, err := p.run(systemPython, "-c", "import torch; print(torch.__version__)")
	if err != nil {
		c.Found = "PyTorch not importable by " + systemPython + " (needed only for side-by-side benchmarks)"
		c.Fix = "apt-get install python3-torch (or install/setup.sh --bench)"
		return c
	}
	c.OK = true
	c.Found = "torch " + lastLine(out) + " (benchmarks only)"
	return c
}

func checkGPU(p prober) check {
	c := check{Name: "gpu", Optional: true}
	var parts []string
	nvcc, nvccErr := p.lookPath("nvcc")
	if nvccErr == nil {
		if out, err := p.run(nvcc, "--version"); err == nil {
			parts = append(parts, "nvcc "+lastLine(out))
		}
	}
	smi, smiErr := p.lookPath("nvidia-smi")
	gpus := ""
	if smiErr == nil {
		if out, err := p.run(smi, "-L"); err == nil && strings.Contains(out, "GPU") {
			gpus = strings.SplitN(out, "\n", 2)[0]
			parts = append(parts, gpus)
		}
	}
	switch {
	case nvccErr == nil && gpus != "":
		c.OK = true
		c.Found = strings.Join(parts, "; ")
	case gpus != "":
		c.Found = gpus + "; no nvcc on PATH"
		c.Fix = "install the CUDA toolkit (nvcc) to build the CUDA module"
	case nvccErr == nil:
		c.Found = strings.Join(parts, "; ") + "; no GPU visible to nvidia-smi"
		c.Fix = "training runs on the CPU backend; on a GPU machine check the driver with nvidia-smi"
	default:
		c.Found = "no nvcc and no NVIDIA GPU: training uses the CPU backend"
		c.Fix = "nothing to do on a CPU machine; on a GPU machine install the driver and the CUDA toolkit"
	}
	return c
}

// cudaModuleName is the shared library the CUDA backend loads at run time.
const cudaModuleName = cuda.LibraryName

// checkCUDAModule looks where the CUDA backend looks (cuda.SearchPath).
func checkCUDAModule(p prober) check {
	c := check{Name: "cuda-module", Optional: true}
	exe, _ := os.Executable()
	paths := cuda.SearchPath(p.getenv, exe)
	for _, path := range paths {
		if p.stat(path) == nil {
			c.OK = true
			c.Found = path
			return c
		}
	}
	c.Found = cudaModuleName + " not found (looked at " + strings.Join(paths, ", ") + "; CPU training is unaffected)"
	c.Fix = "on a GPU machine build it with install/build-cuda.sh, then put it next to the archlab binary or set " + cuda.LibraryEnv
	return c
}

// checkAutoDevice says which backend --device auto opens here, and why.
func checkAutoDevice(p prober) check {
	c := check{Name: "device", Optional: true}
	choice, err := p.auto()
	if err != nil {
		c.Found = "--device auto opens nothing: " + err.Error()
		c.Fix = "train with --device cpu; see the cpu and cuda-module lines"
		return c
	}
	c.OK = true
	c.Found = "--device auto → " + choice.Device + ": " + strings.TrimPrefix(choice.Reason, "auto chose "+choice.Device+": ")
	return c
}

func checkSlurm(p prober) check {
	c := check{Name: "slurm", Optional: true}
	var missing []string
	for _, cmd := range []string{"sbatch", "squeue", "scancel", "scontrol", "sinfo"} {
		if _, err := p.lookPath(cmd); err != nil {
			missing = append(missing, cmd)
		}
	}
	if len(missing) > 0 {
		c.Found = "missing " + strings.Join(missing, ", ") + " (needed only for the Slurm executor)"
		c.Fix = "apt-get install slurm-wlm (install/slurm.sh start runs a single-node test cluster), or run searches with the local executor"
		return c
	}
	out, err := p.run("sinfo", "--noheader", "--format=%P %a %D")
	if err != nil {
		c.Found = "Slurm commands present, but sinfo cannot reach a controller: " + lastLine(out)
		c.Fix = "start slurmctld/slurmd (see slurm.conf; SLURM_CONF names another), or use the local executor"
		return c
	}
	found := "sinfo: " + strings.ReplaceAll(strings.TrimSpace(out), "\n", "; ")
	// The executor reads job states from squeue --json (Slurm 21.08 and later).
	q, err := p.run("squeue", "--json")
	var doc struct {
		Jobs []json.RawMessage `json:"jobs"`
	}
	if err != nil || json.Unmarshal([]byte(q), &doc) != nil {
		c.Found = found + "; squeue --json fails: " + lastLine(q)
		c.Fix = "the Slurm executor needs squeue --json (Slurm 21.08 or newer with its JSON plugin; Debian 12's slurm-wlm has it)"
		return c
	}
	acct := "none: finished jobs are read from scontrol and the exit files"
	if conf, err := p.run("scontrol", "show", "config"); err == nil {
		for _, ln := range strings.Split(conf, "\n") {
			if k, v, ok := strings.Cut(ln, "="); ok && strings.TrimSpace(k) == "AccountingStorageType" && !strings.Contains(v, "none") {
				acct = strings.TrimSpace(v) + " (sacct)"
			}
		}
	}
	c.OK = true
	c.Found = found + "; squeue --json ok; accounting " + acct
	return c
}

// llmEnv lists the environment variables the LLM adapters read: base URLs are
// printed, keys only as set/unset.
var llmEnv = []struct{ url, key, name string }{
	{"OPENAI_BASE_URL", "OPENAI_API_KEY", "openai-compatible"},
	{"ANTHROPIC_BASE_URL", "ANTHROPIC_API_KEY", "anthropic"},
}

func checkLLM(p prober) check {
	c := check{Name: "llm", Optional: true, OK: true}
	var found []string
	for _, e := range llmEnv {
		url, key := p.getenv(e.url), p.getenv(e.key)
		if url == "" && key == "" {
			continue
		}
		s := e.name
		if url != "" {
			s += " at " + url
		}
		if key != "" {
			s += " (key set)"
		} else {
			s += " (no key)"
		}
		found = append(found, s)
	}
	if len(found) == 0 {
		c.Found = "no endpoint configured: the offline agents are used (set OPENAI_BASE_URL/OPENAI_API_KEY or ANTHROPIC_API_KEY to use a model)"
		return c
	}
	c.Found = strings.Join(found, "; ")
	return c
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[i+1:])
	}
	return s
}
