package plot_test

import (
	"fmt"

	"github.com/archlab/archlab/lib/plot"
)

func ExampleFitDiscoveries() {
	fit, err := plot.FitDiscoveries(plot.DiscoveryConfig{
		Hours: []float64{120, 380, 390, 700}, // GPU-hours at which each discovery was made
		Step:  200, MaxHours: 800,
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(fit.Hours, fit.Count)
	fmt.Printf("%.2f per 100 h, R² %.3f; constant rate %.2f per 100 h\n", 100*fit.Slope, fit.R2, 100*fit.Rate)
	// Output:
	// [0 200 400 600 800] [0 1 3 3 4]
	// 0.50 per 100 h, R² 0.926; constant rate 0.50 per 100 h
}

func ExampleSpearman() {
	fitness := []float64{2.1, 2.5, 2.3, 2.6}
	score := []float64{43.1, 42.9, 44.0, 43.5}
	fmt.Printf("%.2f\n", plot.Spearman(fitness, score))
	// Output:
	// 0.00
}
