// Package plot draws archlab's figures with gonum/plot: discoveries against
// compute (with further curves, e.g. another rule or a control run),
// top-k fitness curves, the lineage tree coloured by score, training-loss
// curves, rank-correlation scatters and Pareto fronts. Every builder takes
// plain slices (no archlab types), returns a *plot.Plot that a notebook cell
// can display as its last expression, and Save writes it as PNG or SVG at a
// notebook or paper size:
//
//	p, fit, err := plot.Discoveries(plot.DiscoveryConfig{
//		Hours: hours, Step: 200, MaxHours: 7000, Bootstrap: 1000, Seed: 1,
//	})
//	if err != nil { ... }
//	fmt.Printf("%.1f discoveries per 1000 GPU-hours, R² %.3f\n", 1000*fit.Slope, fit.R2)
//	err = plot.Save(p, "fig1.png", plot.Notebook) // or .svg; plot.Paper for 6.8 in at 300 dpi
//	img := plot.Image(p, plot.Notebook)           // a notebook cell shows an image.Image as PNG
//
// The small statistics the figures need (Spearman and Kendall rank
// correlations, least-squares lines, percentiles) are exported too, so
// tables and figures compute them the same way.
package plot
