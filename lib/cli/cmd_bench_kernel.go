package cli

import (
	"fmt"
	"os"
	"os/exec"
)

// benchKernel is "archlab bench kernel": it runs the kernel benchmark script
// (kernel/jupytertest/bench_kernel.py, over jupyter_client, side by side with
// ipykernel) against this binary. Register it in benchCommands:
//
//	{"kernel", "Jupyter kernel: start time, cell round trip p50/p99, RSS, vs ipykernel", benchKernel},
func benchKernel(env *Env) int {
	fs := newFlags(env, "bench kernel", "[--script PATH] [--python PY] [-- SCRIPT_FLAGS]", `
Measure this binary's Jupyter kernel side by side with ipykernel over
jupyter_client: start to first kernel_info_reply, round trip of a trivial
cell (p50/p99 over 200 runs) and RSS after 1,000 cells. Flags after "--" go
to the script (--runs, --starts, --cells, --kernels archlab). Run it from the
repository root, or give --script.`)
	script := fs.String("script", "kernel/jupytertest/bench_kernel.py", "the benchmark script")
	python := fs.String("python", "/usr/bin/python3", "a Python with jupyter_client and ipykernel")
	if code, done := parseFlags(env, fs); done {
		return code
	}
	if _, err := os.Stat(*script); err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench kernel: %v (run from the repository root or pass --script)\n", err)
		return 1
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench kernel: find this binary: %v\n", err)
		return 1
	}
	cmd := exec.Command(*python, append([]string{*script, "--bin", exe}, fs.Args()...)...)
	cmd.Stdout, cmd.Stderr = env.Stdout, env.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(env.Stderr, "archlab bench kernel: %v\n", err)
		return 1
	}
	return 0
}
