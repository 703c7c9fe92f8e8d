package main

// unique.Make (Go 1.23): equal values give equal handles.

import (
	"fmt"
	"unique"
)

type Point struct{ X, Y int }

func main() {
	a := unique.Make("hello")
	b := unique.Make("hel" + "lo")
	c := unique.Make("world")
	fmt.Println(a == b, a == c, a.Value(), c.Value())
	p := unique.Make(Point{1, 2})
	q := unique.Make(Point{1, 2})
	fmt.Println(p == q, p.Value())
	seen := map[unique.Handle[string]]int{}
	for _, w := range []string{"x", "y", "x"} {
		seen[unique.Make(w)]++
	}
	fmt.Println(len(seen), seen[unique.Make("x")])
}
