// Assignments of several values where one is a receive, a call or a
// composite literal: every variable gets its value.
package main

import "fmt"

type T struct{ x int }

func f() int { return 7 }

func main() {
	ch := make(chan int, 10)
	for i := 1; i < 10; i++ {
		ch <- i
	}
	a, b := <-ch, 42
	x, y := 5, <-ch
	fmt.Println(a, b, x, y)
	c, d := f(), 42
	e, g := 43, f()
	fmt.Println(c, d, e, g)
	h, k := T{1}, 44
	l, m := 45, T{2}
	fmt.Println(h, k, l, m)
	var arr [2]int
	arr[0], arr[1] = 9, <-ch
	fmt.Println(arr)
	var p, q int
	p, q = <-ch, 3
	fmt.Println(p, q)
	var r, s = 1, <-ch
	fmt.Println(r, s)
	u, v, w := 1, <-ch, 3
	fmt.Println(u, v, w)
	a, b = b, a
	fmt.Println(a, b)
}
