// Constant division is an integer one when both operands are integer
// constants, whatever type the result initialises (the interpreter gave
// 2.5 for a float64 initialised with c / 4).
package main

import "fmt"

const c = 10
const fc float64 = 10
const r = 'a'

func main() {
	var f float64 = c / 4
	var g float64
	g = c / 4
	const d = c / 4
	var h float64 = d
	var f32 float32 = 9 / 2
	fmt.Println(f, g, h, f32, float64(c/4))
	fmt.Println(c/4.0, fc/4, r/2, 10.0/4, 1/2*3.0, 3.0*1/2, 7/2.0, -7/2)
	x := 7
	var k float64 = float64(x / 2)
	fmt.Println(k)
}
