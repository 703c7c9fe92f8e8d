// A comparison assigned to _ is evaluated for its operands' effects and
// writes nowhere; untyped shifts as shift counts take either kind.
package main

import "fmt"

var calls int

func pair() [2]string { calls++; return [2]string{"a", "b"} }

func shift(x int) int { return 1 << (1 << (1 << uint(x))) }

func halve(v uint) uint { return v >> ((1 >> v) + (1 >> v)) }

func pow(x uint) uint { return 1 << (1 << x) }

func main() {
	var e any = [2]string{"a", "b"}
	keep := [3]int{1, 2, 3}
	_ = e == pair()
	_ = pair() == pair()
	_ = keep[0] == 2
	fmt.Println(calls, keep)
	fmt.Println(shift(2), halve(3), halve(0), pow(2))
	var n int8 = 3
	fmt.Println(1<<(1<<n), uint16(1)<<(n+1))
}
