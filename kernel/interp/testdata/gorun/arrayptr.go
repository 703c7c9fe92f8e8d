// Pointers to arrays: &pa[i] is addressable, len, cap and a key-only range
// of a nil one use the array type's length, and a range with values
// dereferences it.
package main

import "fmt"

type Grid [3][3]int

func main() {
	pa := &[3]int{1, 2, 3}
	el := &pa[1]
	*el = -1
	fmt.Println(*pa)
	g := &Grid{}
	c := &g[1][2]
	*c = 7
	row := &g[0]
	row[1] = 5
	fmt.Println(*g)
	for i := range pa {
		p := &pa[i]
		*p *= 10
	}
	fmt.Println(pa, len(pa), cap(pa))
	s := pa[:2]
	s[0] = 99
	fmt.Println(*pa, len(s))
}

func init() {
	var pa *[3]int
	fmt.Println(len(pa), cap(pa))
	for i := range pa {
		fmt.Print(i)
	}
	fmt.Println()
	var x any = len(pa)
	fmt.Println(x)
	defer func() { fmt.Println("recovered:", recover()) }()
	for i, v := range pa {
		fmt.Println(i, v)
	}
}
