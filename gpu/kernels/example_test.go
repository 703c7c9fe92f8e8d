package kernels_test

import (
	"fmt"

	"github.com/archlab/archlab/gpu/kernels"
)

// One head of width 2 learning the association k=(1,0) → v=(3,4) with
// β = 1, then reading it back with q = k.
func ExamplePlan() {
	p := kernels.NewPlan[float32](kernels.Config{Mixer: kernels.DeltaRule, B: 1, T: 2, H: 1, DK: 2, DV: 2, Scale: 1})
	q := []float32{0, 1, 1, 0} // (B,T,H,DK): t=0 reads along (0,1), t=1 along (1,0)
	k := []float32{1, 0, 0, 1} // t=0 writes key (1,0), t=1 key (0,1)
	v := []float32{3, 4, 5, 6}
	beta := []float32{1, 1}
	o := make([]float32, 4)
	p.Forward(o, q, k, v, beta, nil)
	fmt.Println(o)
	// Output: [0 0 3 4]
}
