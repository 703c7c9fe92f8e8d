// Package results turns architecture-search runs into typed records, gota
// DataFrames, published-figure reproductions and CSV/TSV files. Its first
// source is ASI-ARCH's released run (1,772 explored architectures in
// tree.json, the 106 SOTA ones with their 340M results in 106.json):
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
