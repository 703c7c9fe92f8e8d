// min and max order -0 before 0 and give NaN for a NaN argument, as Go's
// builtins do; a -0 argument reaches the function as -0.
package main

import (
	"fmt"
	"math"
)

type Celsius float64

func f3(x float64, y float64) float64 { return x }
func f4(x float64) float64            { return x }
func f5(x float64) float64            { y := x; return y }
func f6(x float64) bool               { return math.Signbit(x) }

func main() {
	args()
	nz := math.Copysign(0, -1)
	pz := 0.0
	nan := math.NaN()
	fmt.Println(min(pz, nz), min(nz, pz), max(nz, pz), max(pz, nz))
	fmt.Println(min(1, nan), min(nan, 1), max(2.0, nan, 3), max(nan), min(3, 1, 2))
	fmt.Println(min("b", "a", "c"), max("b", "a"), min(Celsius(3), 2), max(1, 2.5))
	var f32 float32 = -0.0
	f32 = float32(math.Copysign(0, -1))
	fmt.Println(min(float32(0), f32), max(f32, float32(0)), min(uint8(3), 1))
}

func args() {
	nz := math.Copysign(0, -1)
	fmt.Println(f3(nz, 1), f4(nz), f5(nz), f6(nz))
}
