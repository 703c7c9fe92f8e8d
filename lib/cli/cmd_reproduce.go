package cli

import (
	"fmt"
	"time"

	"github.com/archlab/archlab/lib/results"
)

const reproduceAbout = `Reproduce a published run's figures and tables from its released data.

  archlab reproduce asi-arch --data DIR|URL --out DIR

asi-arch reads ASI-ARCH's tree.json and 106.json (a folder, or a base URL
holding both) and writes into --out:
  fig1.tsv, fig1.png    cumulative SOTA architectures every 200 GPU-hours (0..7000);
                        the PNG adds the fitted experiment-order -> GPU-hours mapping, linear fit,
                        bootstrap band and the published points
  table2.tsv            index, name, final_loss, score: the 340M columns of Table 2
  fig6b.tsv, fig6b.png  mean fitness/3 of the best 50 among the first N experiments
  tree.svg, tree.png    the lineage of every explored architecture, coloured by fitness
  scatter.png           340M score vs exploration fitness, with rank correlations
  losses.png            340M training-loss curves of the best three and the baselines
  diagnostics.tsv       rank correlations, per-250-experiment discovery rate, fit details`

func cmdReproduce(env *Env) int {
	fs := newFlags(env, "reproduce", "asi-arch --data DIR|URL --out DIR [--paper]", reproduceAbout)
	data := fs.String("data", "", "folder or base URL holding tree.json and 106.json, e.g. ../shared/data/asi-arch")
	out := fs.String("out", "", "output folder (created if missing)")
	paper := fs.Bool("paper", false, "render PNGs at paper size (6.8 in, 300 dpi) instead of notebook size")
	// Accept the target before or after the flags.
	args := env.Args
	target := ""
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		target, args = args[0], args[1:]
	}
	sub := *env
	sub.Args = args
	if code, done := parseFlags(&sub, fs); done {
		return code
	}
	if target == "" && fs.NArg() > 0 {
		target = fs.Arg(0)
	}
	if target != "asi-arch" {
		fmt.Fprintf(env.Stderr, "archlab reproduce: unknown or missing target %q (known: asi-arch)\n", target)
		fs.Usage()
		return 2
	}
	if *data == "" || *out == "" {
		fmt.Fprintln(env.Stderr, "archlab reproduce: --data and --out are required")
		fs.Usage()
		return 2
	}
	start := time.Now()
	run, err := results.Load(*data)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab reproduce: %v\n", err)
		return 1
	}
	rep, err := results.ReproduceASIArch(run)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab reproduce: %v\n", err)
		return 1
	}
	files, err := rep.WriteFiles(*out, *paper)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab reproduce: %v\n", err)
		return 1
	}
	m := rep.Fig1.Mapping
	fmt.Fprintf(env.Stdout, "read %d architectures and %d SOTA records from %s\n", len(run.Tree), len(run.SOTA), *data)
	fmt.Fprintf(env.Stdout, "fig1 x-axis: %s (fitted to the published points: max |diff| %g; spreading 7000 h evenly: max |diff| %g)\n",
		m.Mapping, m.MaxAbsErr, rep.Fig1.Uniform.MaxAbsErr)
	fmt.Fprintf(env.Stdout, "fig1 linear fit: %.1f SOTA per 1000 GPU-hours, R² %.3f\n", 1000*rep.Fig1.Fit.Slope, rep.Fig1.Fit.R2)
	for _, f := range files {
		fmt.Fprintf(env.Stdout, "wrote %s\n", f)
	}
	fmt.Fprintf(env.Stdout, "done in %s\n", time.Since(start).Round(time.Millisecond))
	return 0
}
