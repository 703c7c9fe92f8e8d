package plot

import (
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

func lookFont(size vg.Length) font.Font { return font.From(sans, size) }

func lookHandler() text.Handler { return gplot.DefaultTextHandler }

// Plot is gonum's plot type, aliased so that notebook cells need only this
// package to name what the builders return (the kernel displays a *Plot
// that is a cell's last value).
type Plot = gplot.Plot
