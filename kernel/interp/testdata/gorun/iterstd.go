package main

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
)

func Count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	fmt.Println(slices.Sorted(maps.Keys(m)))
	keys := slices.Collect(maps.Keys(m))
	slices.Sort(keys)
	fmt.Println(keys)
	for i, v := range slices.All([]string{"x", "y"}) {
		fmt.Println(i, v)
	}
	for i, v := range slices.Backward([]int{1, 2, 3}) {
		fmt.Println("back", i, v)
	}
	for v := range slices.Values([]int{7, 8}) {
		fmt.Println("val", v)
	}
	fmt.Println(slices.Collect(Count(4)))
	total := 0
	for _, v := range maps.All(m) {
		total += v
	}
	fmt.Println("total", total)
	m2 := maps.Collect(maps.All(m))
	fmt.Println(len(m2), m2["c"])
	maps.Insert(m2, maps.All(map[string]int{"z": 26}))
	fmt.Println(slices.Sorted(maps.Values(m2)))
	for c := range slices.Chunk([]int{1, 2, 3, 4, 5}, 2) {
		fmt.Println("chunk", c)
	}
	next, stop := iter.Pull(Count(3))
	for {
		v, ok := next()
		if !ok {
			break
		}
		fmt.Println("pulled", v)
	}
	stop()
	next2, stop2 := iter.Pull2(maps.All(map[int]string{1: "one"}))
	k, v, ok := next2()
	fmt.Println(k, v, ok)
	stop2()
	fmt.Println(slices.AppendSeq([]int{9}, Count(2)))
	fmt.Println(slices.SortedFunc(slices.Values([]string{"bb", "a", "ccc"}), func(a, b string) int { return len(a) - len(b) }))
	var seq iter.Seq[int] = Count(2)
	fmt.Printf("%T\n", seq)
	for line := range strings.Lines("a\nb\n") {
		fmt.Printf("%q\n", line)
	}
	for f := range strings.FieldsSeq(" x  y ") {
		fmt.Println("field", f)
	}
	for p := range strings.SplitSeq("a,b,c", ",") {
		fmt.Println("part", p)
	}
	fmt.Println(slices.Collect(strings.SplitSeq("1-2", "-")))
}
