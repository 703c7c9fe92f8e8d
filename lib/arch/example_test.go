package arch_test

import (
	"context"
	"fmt"

	"github.com/archlab/archlab/lib/arch"
)

// A source that reaches for the file system is rejected before it runs,
// with the line and column of the import.
func ExampleParse() {
	src := `package layer

import (
	"archlab/op"
	"os"
)

type Layer struct{ W *op.Node }

func New(p *op.Params, c op.Config) *Layer {
	os.Remove("/important")
	return &Layer{W: p.Linear("w", c.D, c.D)}
}

func (l *Layer) Forward(x *op.Node) *op.Node { return op.Linear(x, l.W) }
`
	_, err := arch.Parse("mine.go", src)
	fmt.Println(err)
	// Output:
	// arch: static: 5:2: import "os" is not allowed: a layer may import only "archlab/op" and "math"
}

// Checking a reference layer: every verdict has a name, a pass mark and a
// reason to act on.
func ExampleCheck() {
	l, err := arch.Zoo("softmax_attention")
	if err != nil {
		panic(err)
	}
	rep, err := arch.Check(context.Background(), l, arch.CheckConfig{ComplexityT: 128})
	if err != nil {
		panic(err)
	}
	for _, v := range rep.Checks {
		fmt.Println(v.Name, v.OK)
	}
	fmt.Println("ok:", rep.OK)
	// Output:
	// compiles true
	// shape true
	// causality true
	// batch_independence true
	// finite true
	// complexity false
	// params true
	// ok: false
}
