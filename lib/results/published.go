package results

import "github.com/archlab/archlab/lib/plot"

// PublishedFig1 returns the 36 points of ASI-ARCH's Fig. 1 ("Scaling Law for
// Scientific Discovery", figures/scaling.png): novel SOTA architectures
// against GPU-hours, every 200 hours from 0 to 7000. They were read off the
// 3413×1920 PNG by locating the centre of each red dot and mapping its pixel
// row linearly through the 0 and 100 gridlines; every value came out within
// 0.01 of an integer (testdata/fig1_published.tsv keeps them with that note).
func PublishedFig1() []plot.Point {
	ys := []float64{0, 0, 0, 1, 1, 3, 5, 6, 9, 11, 16, 20, 23, 27, 34, 35, 40, 45, 53, 58,
		62, 64, 65, 69, 71, 74, 77, 83, 88, 91, 94, 97, 98, 99, 102, 106}
	pts := make([]plot.Point, len(ys))
	for i, y := range ys {
		pts[i] = plot.Point{X: float64(200 * i), Y: y}
	}
	return pts
}

// PublishedFig6b returns the "Total Score" curve of ASI-ARCH's Fig. 6b
// (figures/combined_trend_analysis.png, right panel) at N = 200, 400, …,
// 1800: the red line's pixel rows at those columns, mapped through the
// 0.4 and 1.0 gridlines; read to about ±0.002.
func PublishedFig6b() []plot.Point {
	ys := []float64{0.632, 0.755, 0.842, 0.864, 0.876, 0.880, 0.885, 0.889, 0.892}
	pts := make([]plot.Point, len(ys))
	for i, y := range ys {
		pts[i] = plot.Point{X: float64(200 * (i + 1)), Y: y}
	}
	return pts
}
