package main

// Typed float constants from non-integer expressions keep their value
// when converted, and constants made from a package's untyped constants
// (math.Pi) stay untyped, so they combine with named float types. A
// constant made by complex() divides, and constants converted to an
// interface compare with their types.

import (
	"fmt"
	"math"
)

const rate float64 = 10.0 / 4
const third float32 = 1.0 / 3
const halfPi float64 = math.Pi / 2

type Ratio float64

const r Ratio = 0.5 + 0.25

type Degrees float64

const DegToRad = math.Pi / 180
const Tau = 2 * math.Pi
const Big = math.MaxInt8 * 2
const k = complex(1, 1)

func main() {
	fmt.Println(float64(rate), float32(rate)*2, float64(third), float64(r), math.Sin(float64(halfPi)))
	fmt.Println(int(rate*2), uint8(r*4), complex128(rate))
	var d Degrees = 90
	fmt.Println(d*DegToRad, d*Tau/360)
	const local = math.E * 2
	fmt.Println(d*local > 0, float32(local))
	var i16 int16 = 1
	fmt.Println(i16 * Big)
	fmt.Printf("%T %T %T\n", DegToRad, Big, r)
	c := complex(3, 4)
	fmt.Println(c/k, c/complex(0, 1), c/(1+1i))
	fmt.Println(any(1) == any(1.0), any(int8(1)) == any(uint8(1)), any(2) == any(2), any("a") == any("a"))
}
