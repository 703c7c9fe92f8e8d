// Conversions to generic types with several type arguments
// (ByKey[string, int](ps)) beside explicit instantiations of generic
// functions with several.

package main

import (
	"fmt"
	"sort"
)

type ByKey[K interface{ ~string | ~int }, V any] []K

func (b ByKey[K, V]) Len() int           { return len(b) }
func (b ByKey[K, V]) Less(i, j int) bool { return b[i] < b[j] }
func (b ByKey[K, V]) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

type Pair[K comparable, V any] struct {
	K K
	V V
}

type PairList[K comparable, V any] []Pair[K, V]

func Map2[A, B any](xs []A, f func(A) B) []B {
	var out []B
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func main() {
	ps := []string{"b", "a", "c"}
	x := ByKey[string, int](ps)
	sort.Sort(x)
	fmt.Println(len(x), x)
	pl := PairList[string, int]([]Pair[string, int]{{"a", 1}})
	fmt.Println(pl, len(pl))
	fmt.Println(Map2[int, string]([]int{1, 2}, func(i int) string { return fmt.Sprint(i) }))
}
