// A constant has no negative zero; a variable negated at run time has.
package main

import (
	"fmt"
	"math"
)

const zero = 0.0

func main() {
	x := -0.0
	y := -float64(zero)
	var z float64 = -zero
	fmt.Println(x, y, z, math.Signbit(x), math.Signbit(y), math.Signbit(z))
	w := 0.0
	w = -w
	fmt.Println(w, math.Signbit(w))
}
