package main

import (
	"container/list"
	"container/ring"
	"fmt"
	"maps"
	"slices"
	"sort"
)

func main() {
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	var ks []string
	for k := range maps.Keys(m) {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	fmt.Println(ks)
	total := 0
	for v := range maps.Values(m) {
		total += v
	}
	fmt.Println(total)
	for v := range slices.Values([]string{"p", "q"}) {
		fmt.Println("val", v)
	}
	fmt.Println(slices.Sorted(maps.Keys(m)))
	for i := range slices.Sorted(maps.Keys(m)) {
		fmt.Print(i, " ")
	}
	fmt.Println()

	l := list.New()
	for i := 0; i < 3; i++ {
		e := l.PushBack(0)
		e.Value = i * 10
	}
	for e := l.Front(); e != nil; e = e.Next() {
		fmt.Print(e.Value, " ")
	}
	fmt.Println()
	r := ring.New(3)
	for i := 0; i < 3; i++ {
		r.Value = i + 1
		r = r.Next()
	}
	sum := 0
	r.Do(func(v any) { sum += v.(int) })
	fmt.Println(sum)
}
