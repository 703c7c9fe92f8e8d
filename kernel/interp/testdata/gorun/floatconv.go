package main

// Out-of-range float conversions to small integer types give what the
// compiler's do on this machine, and in-range ones truncate toward zero.

import (
	"fmt"
	"math"
)

func main() {
	vals := []float64{1e10, -3e9, 2.9, -2.9, 300.5, -129.7, 65535.9, math.Inf(1), math.MaxInt32 + 0.5}
	for _, f := range vals {
		fmt.Println(int32(f), int16(f), int8(f), uint8(f), uint16(f), uint32(f), int64(f))
	}
	var g float32 = 3e9
	fmt.Println(int32(g), uint8(g))
}
