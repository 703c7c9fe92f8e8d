package main

import "fmt"

type T struct{ A int }

func G[K comparable](x K) K { return x }

func H[K comparable, V any](m map[K]V, v V) V { return v }

func main() {
	t := T{}
	var s11 string = *&t.A
	var s12 string = 1 + t.A
	var s13 string = []int{1}
	var s14 string = func() int { return 1 }()
	_ = G([]int{1})
	_ = H(map[string]int{}, "x")
	var arr [3]int
	var s15 string = arr[1:]
	var s16 string = "abc"[1:2] + 1
	fmt.Println(s11, s12, s13, s14, s15, s16)
}
