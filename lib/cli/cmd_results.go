package cli

import (
	"context"
	"fmt"
	"sort"

	"github.com/archlab/archlab/lib/results"
)

const resultsAbout = `List and export a run's results as tables.

  archlab results --dir RUN                               a search run's experiments, one CSV row each
  archlab results --dir RUN --table calls|metrics         its agent calls, or every metrics line
  archlab results --dir RUN --table stages|rank           stage 1 against stage 2, and Spearman's rho between them
  archlab results --dir RUN --format tsv|json             another format
  archlab results --dir RUN --csv OUTDIR                  every table as OUTDIR/NAME.csv
  archlab results --dir RUN --figures OUTDIR [--control RUN2]
                                                          every figure as PNG and SVG (RUN2: a control run on the discoveries figure)

--dir reads read-only and is safe while the search is still writing. Experiment
columns: id, parent, of, name, stage, status, reason, val_loss, val_std, bench,
bench_std, final_loss, fitness, fitness_loss, fitness_bench, fitness_judge,
beats_asi, beats_noise, params, tries, wall_s, cpu_s, device_s, device_kind,
seeds, created, finished, source_hash, error. stages: one row per candidate
re-trained at stage 2 (id, stage2_id, name, baseline, status_2, fitness_1,
fitness_2, rank_1, rank_2, val_loss_1, val_loss_2, bench_1, bench_2). rank: one
row (n, spearman, lo, hi, level, resamples, valid): rho between the stages'
fitness over the candidates (baseline left out) with a 95% percentile-bootstrap
interval.

  archlab results asi-arch --data DIR|URL                 summary of the run
  archlab results asi-arch --data DIR|URL --table sota    one table as CSV on stdout
  archlab results asi-arch --data DIR|URL --csv OUTDIR    tree.csv, sota.csv, losses.csv

asi-arch reads ASI-ARCH's released tree.json and 106.json from a folder, a base
URL holding both, or one .json file (path or URL). Tables:
  tree     one row per explored architecture: index, name, name_new, parent, depth, children, fitness, sota
  sota     one row per SOTA architecture: lineage, params_m, fitness, final_loss, score_340m, every accuracy
  losses   the 340M training-loss curves, one row per (index, step)
  table2   the 340M columns of the paper's Table 2: index, name, final_loss, score`

func cmdResults(env *Env) int {
	fs := newFlags(env, "results", "--dir RUN [--table experiments|calls|metrics|stages|rank] [--format csv|tsv|json] [--csv DIR] [--figures DIR [--control RUN2]] | asi-arch --data DIR|URL [--table NAME | --csv DIR]", resultsAbout)
	data := fs.String("data", "", "folder, base URL or .json file of the released run, e.g. ../shared/data/asi-arch")
	csvDir := fs.String("csv", "", "write every table into this folder: tree.csv, sota.csv and losses.csv (asi-arch); experiments.csv, calls.csv, metrics.csv, stages.csv, rank.csv (--dir)")
	table := fs.String("table", "", "print one table: tree, sota, losses or table2 (asi-arch); experiments, calls, metrics, stages or rank (--dir)")
	figDir := fs.String("figures", "", "--dir: write every figure of the run into this folder as PNG and SVG")
	control := fs.String("control", "", "--figures: a control run (e.g. --llm random) drawn on the discoveries figure")
	runDir := fs.String("dir", "", "a search run folder (archlab search --dir)")
	format := fs.String("format", "csv", "output format of --dir tables: csv, tsv or json")
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
	if *runDir != "" && target == "" && (*csvDir != "" || *figDir != "") {
		return resultsFiles(env, *runDir, *csvDir, *figDir, *control)
	}
	if *runDir != "" && target == "" {
		t, err := results.RunTable(context.Background(), *runDir, *table)
		if err != nil {
			fmt.Fprintf(env.Stderr, "archlab results: %v\n", err)
			return 1
		}
		if err := t.Write(env.Stdout, *format); err != nil {
			fmt.Fprintf(env.Stderr, "archlab results: %v\n", err)
			return 2
		}
		return 0
	}
	if target != "asi-arch" {
		fmt.Fprintf(env.Stderr, "archlab results: unknown or missing source %q (known: asi-arch)\n", target)
		fs.Usage()
		return 2
	}
	if *data == "" {
		fmt.Fprintln(env.Stderr, "archlab results: --data is required")
		fs.Usage()
		return 2
	}
	run, err := results.Load(*data)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab results: %v\n", err)
		return 1
	}
	switch {
	case *table != "":
		var err error
		switch *table {
		case "tree":
			err = run.TreeFrame().WriteCSV(env.Stdout)
		case "sota":
			err = run.SOTAFrame().WriteCSV(env.Stdout)
		case "losses":
			err = run.LossFrame().WriteCSV(env.Stdout)
		case "table2":
			df, terr := run.Table2Frame()
			if err = terr; err == nil {
				err = df.WriteCSV(env.Stdout)
			}
		default:
			fmt.Fprintf(env.Stderr, "archlab results: unknown table %q (tree, sota, losses, table2)\n", *table)
			return 2
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "archlab results: %v\n", err)
			return 1
		}
	case *csvDir != "":
		files, err := run.WriteCSV(*csvDir)
		if err != nil {
			fmt.Fprintf(env.Stderr, "archlab results: %v\n", err)
			return 1
		}
		for _, f := range files {
			fmt.Fprintf(env.Stdout, "wrote %s\n", f)
		}
	default:
		fmt.Fprintf(env.Stdout, "source: %s\nexplored architectures: %d\nSOTA architectures: %d\n", *data, len(run.Tree), len(run.SOTA))
		if t2, err := run.Table2(); err == nil {
			best := t2[0]
			for _, r := range t2 {
				if r.Score > best.Score {
					best = r
				}
			}
			fmt.Fprintf(env.Stdout, "best 340M score: %s (#%d) %.2f%%, final loss %.4f\n", best.Name, best.Index, best.Score, best.FinalLoss)
		}
	}
	return 0
}

// resultsFiles writes a search run's tables and figures into folders.
func resultsFiles(env *Env, dir, csvDir, figDir, control string) int {
	run, err := results.OpenRun(dir)
	if err != nil {
		fmt.Fprintf(env.Stderr, "archlab results: %v\n", err)
		return 1
	}
	var files []string
	if csvDir != "" {
		fs, err := run.WriteCSV(csvDir)
		if err != nil {
			fmt.Fprintf(env.Stderr, "archlab results: %v\n", err)
			return 1
		}
		files = append(files, fs...)
	}
	if figDir != "" {
		opt := results.FigureOptions{}
		if control != "" {
			if opt.Control, err = results.OpenRun(control); err != nil {
				fmt.Fprintf(env.Stderr, "archlab results: control: %v\n", err)
				return 1
			}
		}
		fs, skipped, err := run.WriteFigures(figDir, opt)
		if err != nil {
			fmt.Fprintf(env.Stderr, "archlab results: %v\n", err)
			return 1
		}
		files = append(files, fs...)
		names := make([]string, 0, len(skipped))
		for n := range skipped {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(env.Stderr, "archlab results: no %s figure: %v\n", n, skipped[n])
		}
	}
	for _, f := range files {
		fmt.Fprintf(env.Stdout, "wrote %s\n", f)
	}
	return 0
}
