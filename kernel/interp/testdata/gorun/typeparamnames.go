// Names of the program that are also type parameters' names: a type T
// beside F[T any], a variable E or S at a call of slices.Sort or Map, a
// type K and a constant V beside maps' and the program's own [K, V].
package main

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

type T struct{ A int }

type K string

const V = 3

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func F[T any](x T) T { return x }

func First[S ~[]E, E any](s S) E { return s[0] }

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	var ks []K
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

type E struct{ N int }

func main() {
	fmt.Println(F(T{1}), F(3), First([]E{{7}}), First([]T{{8}}))
	E := 5
	x := []int{3, 1, 2}
	slices.Sort(x)
	fmt.Println(x, E)
	m := map[K]int{"b": 2, "a": 1}
	ks := slices.Sorted(maps.Keys(m))
	vs := slices.Sorted(maps.Values(m))
	fmt.Println(ks, vs, V)
	my := Keys(m)
	sort.Slice(my, func(i, j int) bool { return my[i] < my[j] })
	fmt.Println(my)
	p := Pair[K, T]{"k", T{2}}
	fmt.Printf("%+v\n", p)
	S := "shadow"
	fmt.Println(Map([]T{{1}, {2}}, func(t T) string { return strings.Repeat(S[:1], t.A) }))
	U := 1.5
	fmt.Println(Map([]int{1, 2}, func(i int) float64 { return float64(i) * U }))
	idx := slices.Index([]T{{1}, {5}}, T{5})
	fmt.Println(idx, slices.Contains([]K{"a"}, K("a")), slices.Max([]int{V, 1}))
}
