// Constants: iota counts specs, not names (a, b = iota, iota*10 then c, d
// repeats both expressions; the interpreter cloned only the last one after
// the first name: "constant definition loop"), typed and untyped constant
// arithmetic, and a type alias declared in a function (undefined before).
package main

import "fmt"

type Size uint64

const (
	_       = iota
	KB Size = 1 << (10 * iota)
	MB
	GB
)

type Flags uint8

const (
	FlagA Flags = 1 << iota
	FlagB
	FlagC
	FlagAll = FlagA | FlagB | FlagC
)

const (
	a, b = iota, iota * 10
	c, d
	e, f
)

const big = 1 << 100
const ratio = big >> 98

type Celsius float64

const Boiling Celsius = 100

func main() {
	fmt.Println(KB, MB, GB)
	fmt.Println(FlagA, FlagB, FlagC, FlagAll, FlagAll&^FlagB)
	fmt.Println(a, b, c, d, e, f)
	const (
		x, y = iota + 1, -iota
		z, w
	)
	fmt.Println(x, y, z, w)
	fmt.Println(ratio, big/(1<<98))
	fmt.Println(Boiling, Boiling/3, float64(Boiling)/3)
	const typed int8 = 100
	fmt.Println(typed/3, typed%7)
	type point = struct{ X, Y int }
	seen := map[point]int{{1, 2}: 1}
	seen[point{1, 2}]++
	var p point
	p.X = 3
	fmt.Println(seen, p)
	type word = string
	var s word = "alias"
	fmt.Println(s + "!")
}
