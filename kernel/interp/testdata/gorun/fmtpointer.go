// %p of a pointer to a program type is its address, the same for two
// copies of the pointer and different for two values, as in Go.
package main

import "fmt"

type T struct{ n int }

func main() {
	x := &T{1}
	y := x
	z := &T{1}
	i := new(int)
	fmt.Println(fmt.Sprintf("%p", x)[:2], fmt.Sprintf("%p", i)[:2])
	fmt.Println(fmt.Sprintf("%p", x) == fmt.Sprintf("%p", y), fmt.Sprintf("%p", x) == fmt.Sprintf("%p", z))
	s := fmt.Sprintf("%v %p", x, x)
	fmt.Println(s[:6], len(s) > 8)
}
