package main

import (
	"cmp"
	"fmt"
	"slices"
)

func main() {
	fmt.Println(slices.DeleteFunc([]int{1, 2, 3, 4}, func(x int) bool { return x%2 == 0 }))
	fmt.Println(slices.CompactFunc([]string{"a", "A", "b"}, func(a, b string) bool { return a == b || a == "a" && b == "A" }))
	fmt.Println(slices.Replace([]int{1, 2, 3, 4}, 1, 3, 9))
	fmt.Println(slices.BinarySearchFunc([]int{1, 3, 5}, 4, cmp.Compare[int]))
	fmt.Println(slices.IsSortedFunc([]int{3, 2}, cmp.Compare[int]))
	type P struct {
		N string
		A int
	}
	ps := []P{{"b", 2}, {"a", 1}}
	slices.SortFunc(ps, func(a, b P) int { return cmp.Compare(a.A, b.A) })
	i, ok := slices.BinarySearchFunc(ps, 2, func(p P, t int) int { return cmp.Compare(p.A, t) })
	fmt.Println(ps, i, ok)
	x := []int{1, 2}
	clear(x)
	fmt.Println(x)
}
