// Comparisons and && / || of constants are constants: in const
// declarations, conditions, switch cases and loops.
package main

import "fmt"

type Level int

const (
	Low Level = iota
	Mid
	High
)

const size = 10
const isBig = size > 5
const both = isBig && size < 20
const either = size < 0 || size == 10
const name = "go"
const isGo = name == "go"
const f = 2.5
const fl = f < 3
const hl = High > Mid
const ne = Low != Mid
const cx = 2 != 3

func main() {
	const eq = 2 == 2
	fmt.Println(isBig, eq, !eq, both, either, isGo, fl, hl, ne, cx)
	if isBig {
		fmt.Println("big")
	}
	if 3 > 2 {
		fmt.Println("three")
	}
	switch {
	case size > 100:
		fmt.Println("huge")
	case size >= 10:
		fmt.Println("ten+")
	}
	var x interface{} = isBig
	fmt.Printf("%T %v\n", x, x)
	var arr [3]bool
	arr[0] = size == 10
	fmt.Println(arr, uint8(200) > 100, 'a' < 'b', "a" < "b")
	var p *int
	fmt.Println(p == nil, nil == p)
}

func init() {
	switch {
	case size > 5 && size < 8:
		fmt.Println("a")
	case size == 10 || size < 0:
		fmt.Println("b")
	}
	n := 0
	for size < 5 {
		n++
	}
	for i := 0; size > 5 && i < 3; i++ {
		n++
	}
	x := size > 5
	y := !(size > 5)
	fmt.Println(n, x, y, size > 5 == true)
}
