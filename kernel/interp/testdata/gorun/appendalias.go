// append reads all its arguments before it writes any element, even
// arguments read from the slice it appends to.
package main

import "fmt"

type pt struct{ x, y int }

func main() {
	s := make([]byte, 5, 6)
	copy(s, "12346")
	s = append(s[:len(s)-1], '5', s[len(s)-1])
	fmt.Println(string(s))

	xs := make([]int, 3, 10)
	xs[0], xs[1], xs[2] = 1, 2, 3
	xs = append(xs[:1], 9, xs[1], xs[2])
	fmt.Println(xs)

	ps := make([]pt, 2, 4)
	ps[0], ps[1] = pt{1, 1}, pt{2, 2}
	p := &ps[1]
	ps = append(ps[:1], pt{7, 7}, *p)
	fmt.Println(ps)

	type box struct{ items []int }
	b := box{items: make([]int, 2, 4)}
	b.items[1] = 5
	b.items = append(b.items[:1], 8, b.items[1])
	fmt.Println(b.items)
}
