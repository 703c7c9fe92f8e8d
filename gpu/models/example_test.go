package models_test

import (
	"fmt"

	"github.com/archlab/archlab/gpu/models"
)

func ExamplePreset() {
	c, _ := models.Preset("deltanet-1m")
	m := models.NewDeltaNet(c)
	fmt.Println(c.D, c.Layers, c.Heads, c.FFNHidden(), m.Graph.NumParams())
	// Output: 128 4 4 352 877824
}
