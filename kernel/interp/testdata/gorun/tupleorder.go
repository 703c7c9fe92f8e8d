// A tuple assignment finds every location on its left before it assigns
// any: i, m[i] = 1, 2 sets m[0].
package main

import "fmt"

type stack struct {
	items []int
	top   int
}

func main() {
	m := map[int]int{0: 1}
	i := 0
	i, m[i] = 1, 2
	fmt.Println(m, i)

	a := []int{0, 0, 0}
	j := 0
	j, a[j] = 2, 5
	fmt.Println(a, j)

	k := 0
	one, two := 1, 2
	k, a[k] = one, two
	fmt.Println(a, k)

	s := &stack{items: make([]int, 4)}
	for v := 10; v < 13; v++ {
		s.top, s.items[s.top] = s.top+1, v
	}
	fmt.Println(s.items, s.top)

	keys := []string{"a", "b"}
	n := 0
	counts := map[string]int{}
	n, counts[keys[n]] = n+1, 7
	fmt.Println(counts, n)

	x, y := 1, 2
	x, y = y, x
	fmt.Println(x, y)
}
