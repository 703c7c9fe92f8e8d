package cli

import (
	"context"
	"fmt"

	"github.com/archlab/archlab/lib/results"
)

const resultsAbout = `List and export a run's results as tables.

  archlab results --dir RUN                               a search run's experiments, one CSV row each
  archlab results --dir RUN --table calls|metrics         its agent calls, or every metrics line
  archlab results --dir RUN --format tsv|json             another format

--dir reads read-only and is safe while the search is still writing. Experiment
columns: id, parent, of, name, stage, status, reason, val_loss, val_std, bench,
bench_std, final_loss, fitness, fitness_loss, fitness_bench, fitness_judge,
beats_asi, beats_noise, params, tries, wall_s, cpu_s, device_s, device_kind,
seeds, created, finished, source_hash, error.

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
	fs := newFlags(env, "results", "--dir RUN [--table experiments|calls|metrics] [--format csv|tsv|json] | asi-arch --data DIR|URL [--table NAME | --csv DIR]", resultsAbout)
	data := fs.String("data", "", "folder, base URL or .json file of the released run, e.g. ../shared/data/asi-arch")
	csvDir := fs.String("csv", "", "write tree.csv, sota.csv and losses.csv into this folder")
	table := fs.String("table", "", "print one table: tree, sota, losses or table2 (asi-arch); experiments, calls or metrics (--dir)")
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
