package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/archlab/archlab/lib/arch"
)

const archAbout = `Subcommands:
  check FILE.go|zoo:NAME   run the sandbox and the checks by measurement
  zoo                      list the reference layers (print one with zoo NAME)

check prints one line per check and exits 1 when any fails (2 on bad
usage). With --json it prints the report: {"arch", "ok", "checks": [{"name",
"ok", "reason", "details"}], "error"}; see package lib/arch.`

func cmdArch(env *Env) int {
	fs := newFlags(env, "arch", "check [--json] FILE.go|zoo:NAME | zoo [NAME]", archAbout)
	if code, done := parseFlags(env, fs); done {
		return code
	}
	args := fs.Args()
	if len(args) == 0 {
		fs.Usage()
		return 2
	}
	switch args[0] {
	case "check":
		return archCheck(env, args[1:])
	case "zoo":
		if len(args) > 1 {
			src, err := arch.ZooSource(args[1])
			if err != nil {
				fmt.Fprintln(env.Stderr, "archlab arch zoo:", err)
				return 2
			}
			fmt.Fprint(env.Stdout, src)
			return 0
		}
		for _, n := range arch.ZooNames() {
			fmt.Fprintln(env.Stdout, "zoo:"+n)
		}
		return 0
	}
	fmt.Fprintf(env.Stderr, "archlab arch: unknown subcommand %q (check, zoo)\n", args[0])
	return 2
}

// readLayer returns the name and source of FILE.go or zoo:NAME.
func readLayer(spec string) (name, src string, err error) {
	if zoo, ok := strings.CutPrefix(spec, "zoo:"); ok {
		src, err := arch.ZooSource(zoo)
		return "zoo:" + zoo, src, err
	}
	b, err := os.ReadFile(spec)
	if err != nil {
		return "", "", err
	}
	return spec, string(b), nil
}

func archCheck(env *Env, args []string) int {
	fs := newFlags(env, "arch check", "[--json] FILE.go|zoo:NAME", "Run the checks on one layer source.")
	asJSON := fs.Bool("json", false, "print the report as JSON (exactly the arch.Report)")
	budget := fs.Int("budget", 0, "parameter budget of one layer at the check's width (0: 8·D² + 64·D)")
	d := fs.Int("d", 0, "model width to check at (0: 64)")
	heads := fs.Int("heads", 0, "heads (0: 4)")
	trainT := fs.Int("train-t", 0, "training length: causality is checked up to it (0: 128)")
	sub := &Env{Args: args, Stdin: env.Stdin, Stdout: env.Stdout, Stderr: env.Stderr}
	if code, done := parseFlags(sub, fs); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	cfg := arch.CheckConfig{ParamBudget: *budget, TrainT: *trainT}
	cfg.Layer.D, cfg.Layer.Heads = *d, *heads
	name, src, err := readLayer(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(env.Stderr, "archlab arch check:", err)
		return 2
	}
	// A static rejection is a verdict too: CheckSource reports it like the others.
	rep := arch.CheckSource(context.Background(), name, src, cfg)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintln(env.Stderr, "archlab arch check:", err)
			return 2
		}
	} else {
		for _, v := range rep.Checks {
			mark := "ok  "
			if !v.OK {
				mark = "FAIL"
			}
			fmt.Fprintf(env.Stdout, "%s %-18s %s\n", mark, v.Name, v.Reason)
		}
		if rep.OK {
			fmt.Fprintf(env.Stdout, "%s: all checks passed\n", rep.Arch)
		} else {
			fmt.Fprintf(env.Stdout, "%s: %d check(s) failed\n", rep.Arch, len(rep.Checks)-countOK(rep))
		}
	}
	if !rep.OK {
		return 1
	}
	return 0
}

func countOK(r *arch.Report) int {
	n := 0
	for _, v := range r.Checks {
		if v.OK {
			n++
		}
	}
	return n
}
