package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/archlab/archlab/lib/train"
)

const trainAbout = `Train one architecture (a layer source, or zoo:NAME) in the fixed model
skeleton and write metrics.jsonl, result.json and checkpoints under --out.
The result record is also printed (JSON) on stdout. Exit status: 0 when the
run finished (status ok or budget), 1 when it failed (the result's reason
says why: source, check, data, non_finite, checkpoint), 2 on bad usage.
The layer must pass arch check first (--unchecked trains it anyway).
--resume goes on from the checkpoints in --out (which must exist); on a
finished run it prints the stored result and changes nothing.

Presets: ` + "tiny, small, screen, verify" + ` (see package lib/train).
Tasks: a corpus (opticks, gosrc, FILE.txt, FILE.jsonl#FIELD, FILE.parquet#COL)
or a synthetic task (mqar, mqar-t64-kv8, mqar-t128-kv16, mqar-t128-kv32, ...).
--suite trains synthetic tasks alongside a corpus and reports each task's
held-out accuracy and their mean (bench) next to the validation loss.`

func cmdTrain(env *Env) int {
	fs := newFlags(env, "train", "--arch FILE.go|zoo:NAME [--preset small] [flags]", trainAbout)
	var c train.Config
	fs.StringVar(&c.Arch, "arch", "", "layer source FILE.go or zoo:NAME (required)")
	fs.StringVar(&c.Preset, "preset", "small", "tiny, small, screen or verify")
	fs.StringVar(&c.Task, "task", "", "corpus or synthetic task (default: opticks)")
	fs.IntVar(&c.Steps, "steps", 0, "training steps (0: the preset's)")
	tokens := fs.Int64("tokens", 0, "token budget instead of --steps")
	fs.IntVar(&c.Batch, "batch", 0, "sequences per step (0: the preset's)")
	fs.IntVar(&c.Seq, "seq", 0, "tokens per sequence for corpora (0: the preset's)")
	fs.IntVar(&c.D, "d", 0, "override the preset's width")
	fs.IntVar(&c.Layers, "layers", 0, "override the preset's depth")
	fs.IntVar(&c.Heads, "heads", 0, "override the preset's heads")
	fs.Float64Var(&c.LR, "lr", 0, "peak learning rate (0: the preset's)")
	fs.StringVar(&c.Sched, "schedule", "cosine", "cosine, constant or wsd")
	fs.IntVar(&c.Warmup, "warmup", 0, "warm-up steps (0: the preset's)")
	seed := fs.Uint64("seed", 1, "first seed")
	fs.IntVar(&c.Seeds, "seeds", 1, "number of seeds (seed, seed+1, ...); the result reports their spread")
	fs.IntVar(&c.EvalEvery, "eval-every", 0, "steps between evaluations (0: steps/5)")
	fs.IntVar(&c.Threads, "threads", 0, "CPU threads (default: all)")
	fs.StringVar(&c.Backend, "device", "cpu", deviceUsage)
	fs.StringVar(&c.Corpus, "corpus", "", "corpus of a language-model task, when --task names something else (data.Open spec)")
	suite := fs.String("suite", "", "synthetic tasks trained alongside the corpus and scored, comma-separated, e.g. mqar-t64-kv8,recall-t65")
	fs.IntVar(&c.SuiteEvery, "suite-every", 0, "every Nth step trains on a suite task (0: 2)")
	fs.IntVar(&c.SuiteBatch, "suite-batch", 0, "sequences per suite batch (0: the main batch's tokens)")
	fs.IntVar(&c.SuiteSteps, "suite-steps", 0, "train each suite task's own model this many steps instead of mixing it in")
	fs.IntVar(&c.HeldOut, "held-out", 0, "held-out examples per synthetic task (0: 256)")
	fs.BoolVar(&c.Unchecked, "unchecked", false, "train even if the layer fails arch check")
	fs.DurationVar(&c.WallTime, "budget", 0, "wall-time budget, e.g. 10m (0: none)")
	fs.StringVar(&c.Out, "out", "", "output directory (default: nothing written)")
	fs.BoolVar(&c.Resume, "resume", false, "continue from the checkpoint in --out")
	quiet := fs.Bool("q", false, "no progress lines on stderr")
	if code, done := parseFlags(env, fs); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "archlab train: unexpected arguments %v\n", fs.Args())
		return 2
	}
	if c.Arch == "" {
		fmt.Fprintln(env.Stderr, "archlab train: --arch is required (a .go layer source or zoo:NAME, e.g. zoo:deltanet)")
		return 2
	}
	c.Seed, c.Tokens = *seed, *tokens
	var bad string
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "threads" && c.Threads <= 0 {
			bad = fmt.Sprintf("--threads %d: give a positive number, or leave it out for all", c.Threads)
		}
	})
	if err := validDevice(c.Backend); err != nil {
		bad = err.Error()
	}
	if bad != "" {
		fmt.Fprintln(env.Stderr, "archlab train:", bad)
		return 2
	}
	if *suite != "" {
		c.Suite = strings.Split(*suite, ",")
	}
	if !*quiet {
		last := time.Time{}
		c.Progress = func(p train.Progress) {
			if p.Evaluated || time.Since(last) > 5*time.Second || p.Step == p.Steps {
				last = time.Now()
				val := ""
				if p.ValLoss > 0 {
					val = fmt.Sprintf(" val %.4f", p.ValLoss)
				}
				fmt.Fprintf(env.Stderr, "seed %d step %d/%d loss %.4f%s %.0f tok/s %.0fs\n", p.Seed, p.Step, p.Steps, p.Loss, val, p.TokensPS, p.WallS)
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := train.Run(ctx, c)
	if res == nil {
		fmt.Fprintln(env.Stderr, "archlab train:", strings.TrimPrefix(err.Error(), "train: "))
		return 2
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	enc.Encode(res)
	if err != nil {
		fmt.Fprintln(env.Stderr, "archlab train:", err)
		return 1
	}
	return 0
}
