// Untyped constants of the program mixed with a compiled package's
// untyped constants (math.Pi, math.MaxInt32, utf8.RuneSelf).
package main

import (
	"fmt"
	"math"
	"unicode/utf8"
)

const (
	r      = 2.0
	n      = 3
	twoPi  = 2 * math.Pi
	toRad  = math.Pi / 180
	limit  = math.MaxInt32 - n
	ascii  = utf8.RuneSelf - 1
	mixed  = n * math.E
	halfPi = math.Pi / r
)

func main() {
	const mC = 261.625565
	fmt.Println(r*math.Pi, n*math.Pi, r*math.E, math.Pi*r, mC*2*math.Pi)
	fmt.Println(twoPi, toRad*90, limit, ascii, mixed, halfPi)
	var f32 float32 = r * math.Pi
	var i64 int64 = limit + n
	x := mC * math.Pi
	deg := 45.0
	fmt.Println(f32, i64, x, math.Sin(deg*toRad), n < math.MaxInt8, r*math.Pi > 6)
	fmt.Printf("%T %T\n", n*math.Pi, limit)
}
