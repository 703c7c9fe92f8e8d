package cmd

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/archlab/archlab/install/kernelspec"
	"github.com/archlab/archlab/lib/cli"
)

func cmdInstall(env *cli.Env) int {
	fs := cli.NewFlags(env, "install", "[--user | --sys-prefix | --prefix P]", `
Install the Jupyter kernelspec "archlab" (display name "Go (archlab)") so that
Jupyter, VS Code and nbconvert can start this binary as a Go kernel. The spec
runs this binary by its absolute path: reinstall after moving it.

  --user (default)  the user's Jupyter data dir: ~/.local/share/jupyter/kernels/archlab
  --sys-prefix      sys.prefix of /usr/bin/python3 (or --python): /usr/share/jupyter/kernels/archlab
  --prefix P        P/share/jupyter/kernels/archlab (then set JUPYTER_PATH=P/share/jupyter)`)
	user := fs.Bool("user", false, "install for the current user (the default)")
	sysPrefix := fs.Bool("sys-prefix", false, "install into the sys.prefix of the Python given by --python")
	prefix := fs.String("prefix", "", "install into `P`/share/jupyter/kernels/archlab")
	python := fs.String("python", kernelspec.DefaultPython, "the Python whose sys.prefix --sys-prefix uses")
	binary := fs.String("binary", "", "the archlab binary the spec starts (default: this one)")
	if code, done := cli.ParseFlags(env, fs); done {
		return code
	}
	n := 0
	for _, set := range []bool{*user, *sysPrefix, *prefix != ""} {
		if set {
			n++
		}
	}
	if n > 1 || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "archlab install: give at most one of --user, --sys-prefix, --prefix P, and no arguments")
		return 2
	}
	where, arg := kernelspec.User, ""
	switch {
	case *sysPrefix:
		where, arg = kernelspec.SysPrefix, *python
	case *prefix != "":
		where, arg = kernelspec.Prefix, *prefix
	}
	bin := *binary
	if bin == "" {
		exe, err := os.Executable()
		if err != nil {
			fmt.Fprintf(env.Stderr, "archlab install: find this binary: %v\n", err)
			return 1
		}
		bin = exe
	}
	bin, err := filepath.Abs(bin)
	if err == nil {
		bin, err = filepath.EvalSymlinks(bin)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab install: binary: %v\n", err)
		return 1
	}
	dir, err := kernelspec.Dir(where, arg)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab install: %v\n", err)
		return 1
	}
	if err := kernelspec.Install(dir, bin); err != nil {
		fmt.Fprintf(env.Stderr, "archlab install: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.Stdout, "installed kernelspec %q (%s) in %s\n", kernelspec.Name, kernelspec.DisplayName, dir)
	if where == kernelspec.Prefix {
		fmt.Fprintf(env.Stdout, "Jupyter finds it with JUPYTER_PATH=%s\n", filepath.Dir(filepath.Dir(dir)))
	}
	return 0
}
