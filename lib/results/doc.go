// Package results turns architecture-search runs into typed records, gota
// DataFrames, figures and CSV/TSV files: our own runs (a folder written by
// archlab search), and ASI-ARCH's released run.
//
// # Our own runs
//
//	run, err := results.OpenRun("runs/s1")  // read-only, no lock: safe while the loop writes; run.Refresh(ctx) reads again
//	df := run.ExperimentFrame(results.Filter{Stage: 1, Status: []store.Status{store.Done}}) // or Lineage: id, Under: id
//	calls := run.CallFrame(results.Filter{Lineage: 7})           // the LLM calls of #7 and its ancestors
//	m, err := run.MetricFrame(results.Filter{Under: 3})          // every metrics.jsonl line of #3's subtree
//	files, err := run.WriteCSV("out")                            // experiments, calls, metrics, stages, rank .csv
//
//	p, d, err := run.Discoveries(results.DiscoveryOptions{Control: ctl}) // vs measured compute; d.Noise.Slope, d.Noise.R2
//	p, err = run.FitnessPlot(plot.Notebook)  // fitness, fitness_loss, fitness_bench, fitness_judge against samples
//	p, err = run.TreePlot(plot.NotebookSquare) // the lineage coloured by fitness, discoveries marked
//	p, err = run.LossPlot(7, plot.Notebook)  // #7's training loss against its parent's and the baseline's
//	p, front, err := run.ParetoPlot("params", plot.Notebook) // or "flops" (per token) vs validation loss
//	jf, js, err := run.JudgePlots(plot.Notebook)   // jf.Measured, jf.Drift, jf.Probe
//	p, rho, err := run.StagesPlot(plot.Notebook)   // stage-1 vs stage-2 rank; rho.Lo, rho.Hi: bootstrap interval
//	files, skipped, err := run.WriteFigures("fig", results.FigureOptions{}) // all of them, PNG and SVG
//
// A *plot.Plot that is a notebook cell's last value is shown inline.
//
// # Following a running search
//
// A Dashboard redraws a table of the newest experiments and the
// discoveries figure in place while a search runs (at most once a
// second), and draws the final state when it ends or is interrupted. It
// takes any Updater, such as kernel/nb's *Handle, so lib/ never imports
// the kernel:
//
//	dash := results.NewDashboard(dir, nb.Display(nb.Markdown("starting…")), nb.Display(nb.Markdown("")))
//	loop, err := search.Open(dir, &cfg, search.Options{Team: team, OnEvent: dash.OnEvent})
//	err = dash.Run(nb.Context(), loop, search.Budget{Experiments: 8}) // then closes loop
//
// Experiment columns are ExperimentColumns, the same as archlab results
// --dir RUN prints; they are a contract: added to, never renamed.
//
// Discoveries are stage-1 experiments that beat the baseline, under the
// noise-aware rule (beats_noise) and ASI-ARCH's (beats_asi). Their x axis
// is measured compute (Compute): the device time (device_s) of stage-1
// experiments in the order they finished, or CPU time (cpu_s) when no row
// has device time, in hours, minutes or seconds by the total; never the
// experiment number. Spearman returns ρ with a percentile-bootstrap
// interval; StageRank applies it to stage-1 against stage-2 fitness.
//
// # ASI-ARCH's released run
//
// 1,772 explored architectures in tree.json, the 106 SOTA ones with their
// 340M results in 106.json:
//
//	run, err := results.Load("../shared/data/asi-arch") // a folder, a .json file, an http(s) URL; "" finds the project copy
//	if err != nil { ... }
//	run.SOTAFrame()                      // one row per SOTA architecture: lineage, fitness, 340M loss and score, accuracies
//	rep, err := results.ReproduceASIArch(run)
//	p, err := rep.Fig1Plot(plot.Notebook) // Fig. 1 beside the published points
//	files, err := rep.WriteFiles("out", false)
//
// A malformed or truncated file is reported as a *FieldError naming the
// file, the record (its position and index) and the field.
//
// Fig. 1's x-axis is experiment order at a fixed number of GPU-hours per
// experiment, not measured compute. FitHoursMapping recovers that mapping
// from the published points (4 GPU-hours per experiment, counted from
// experiment 49: the published curve is matched exactly), and every output
// that uses it says so.
package results
