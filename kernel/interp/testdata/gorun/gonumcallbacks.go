// Program functions and types handed to gonum: an optimize.Problem, a
// quadrature, a derivative, and a program type as a mat.Matrix.
package main

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
	"gonum.org/v1/gonum/stat"
)

type Diag []float64

func (d Diag) Dims() (int, int) { return len(d), len(d) }
func (d Diag) At(i, j int) float64 {
	if i == j {
		return d[i]
	}
	return 0
}
func (d Diag) T() mat.Matrix { return d }

func main() {
	a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
	var c mat.Dense
	c.Mul(a, Diag{10, 100})
	fmt.Printf("%v\n", mat.Formatted(&c))
	fmt.Println(mat.Det(Diag{2, 3}))
	p := optimize.Problem{
		Func: func(x []float64) float64 { return (x[0]-1)*(x[0]-1) + (x[1]+2)*(x[1]+2) },
		Grad: func(g, x []float64) { g[0] = 2 * (x[0] - 1); g[1] = 2 * (x[1] + 2) },
	}
	res, err := optimize.Minimize(p, []float64{0, 0}, nil, &optimize.BFGS{})
	fmt.Printf("%.4f %.4f %v\n", res.X[0], res.X[1], err)
	fmt.Printf("%.6f\n", quad.Fixed(math.Exp, 0, 1, 10, nil, 0))
	fmt.Printf("%.6f\n", fd.Derivative(func(x float64) float64 { return x * x * x }, 2, nil))
	mean, std := stat.MeanStdDev([]float64{1, 2, 3, 4}, nil)
	fmt.Printf("%.4f %.4f\n", mean, std)
}
