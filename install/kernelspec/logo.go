package kernelspec

import (
	"image"
	"image/color"
	"math"
)

// Logo draws the kernel's logo at size×size pixels: a Go-blue rounded
// square holding a small three-layer network (the architectures archlab
// searches), anti-aliased by 4×4 supersampling. It is deterministic, so the
// committed PNGs can be checked against it.
func Logo(size int) *image.NRGBA {
	const ss = 4 // samples per pixel side
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	s := float64(size)
	blue := [3]float64{0x00, 0xAD, 0xD8} // Go's brand blue
	dark := [3]float64{0x0B, 0x3D, 0x5C}
	white := [3]float64{0xFF, 0xFF, 0xFF}
	// Network in unit coordinates: layers at x=0.25, 0.5, 0.75.
	type pt struct{ x, y float64 }
	layers := [][]pt{
		{{0.25, 0.30}, {0.25, 0.50}, {0.25, 0.70}},
		{{0.50, 0.38}, {0.50, 0.62}},
		{{0.75, 0.50}},
	}
	var edges [][2]pt
	for l := 0; l+1 < len(layers); l++ {
		for _, a := range layers[l] {
			for _, b := range layers[l+1] {
				edges = append(edges, [2]pt{a, b})
			}
		}
	}
	const radius, nodeR, edgeW = 0.18, 0.075, 0.028
	inRoundedSquare := func(x, y float64) bool {
		dx := math.Max(math.Abs(x-0.5)-(0.5-radius), 0)
		dy := math.Max(math.Abs(y-0.5)-(0.5-radius), 0)
		return dx*dx+dy*dy <= radius*radius
	}
	segDist := func(x, y float64, e [2]pt) float64 {
		ax, ay, bx, by := e[0].x, e[0].y, e[1].x, e[1].y
		t := ((x-ax)*(bx-ax) + (y-ay)*(by-ay)) / ((bx-ax)*(bx-ax) + (by-ay)*(by-ay))
		t = math.Max(0, math.Min(1, t))
		return math.Hypot(x-(ax+t*(bx-ax)), y-(ay+t*(by-ay)))
	}
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < ss; sy++ {
				for sx := 0; sx < ss; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/ss) / s
					y := (float64(py) + (float64(sy)+0.5)/ss) / s
					if !inRoundedSquare(x, y) {
						continue
					}
					c := blue
					for _, e := range edges {
						if segDist(x, y, e) <= edgeW/2 {
							c = dark
							break
						}
					}
					for _, layer := range layers {
						for _, n := range layer {
							d := math.Hypot(x-n.x, y-n.y)
							if d <= nodeR {
								c = white
							} else if d <= nodeR+0.02 && c != white {
								c = dark
							}
						}
					}
					r, g, b, a = r+c[0], g+c[1], b+c[2], a+1
				}
			}
			if a == 0 {
				continue
			}
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / a)), G: uint8(math.Round(g / a)), B: uint8(math.Round(b / a)),
				A: uint8(math.Round(255 * a / (ss * ss))),
			})
		}
	}
	return img
}
