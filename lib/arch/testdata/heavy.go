//go:build ignore

// A legal but very heavy layer: forty round trips through a 16384-wide
// projection. The measurement phase must stop it with a clear message
// instead of running for hours.
package layer

import "archlab/op"

type Layer struct {
	Up, Down *op.Node
}

func New(p *op.Params, c op.Config) *Layer {
	return &Layer{Up: p.Linear("up", c.D, 16384), Down: p.Linear("down", 16384, c.D)}
}

func (l *Layer) Forward(x *op.Node) *op.Node {
	for i := 0; i < 40; i++ {
		x = op.Linear(op.Tanh(op.Linear(x, l.Up)), l.Down)
	}
	return x
}
