// Generic type arguments are inferred as Go infers them: from
// function-typed arguments (Map's U from func(int) string; the interpreter
// bound U to int), variadic type parameters (Sum(1, 2, 3) was "undefined
// type for T"), untyped constants defaulted by kind (Sum(1, 2.5) is
// float64), core types (S ~[]E gives E), type arguments partly given
// (Map[int](...)), and generic functions instantiated as values
// (slices.Reverse[[]int], MapKV[string, int, string]).
package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

type Number interface {
	~int | ~int64 | ~float64
}

type Celsius float64

type IntList []int

func Filter[S ~[]E, E any](s S, keep func(E) bool) S {
	var out S
	for _, v := range s {
		if keep(v) {
			out = append(out, v)
		}
	}
	return out
}

func SumOf[T Number](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func Mean[T Number](xs ...T) float64 {
	return float64(SumOf(xs...)) / float64(len(xs))
}

func Keys[K comparable, V any](m map[K]V) []K {
	var out []K
	for k := range m {
		out = append(out, k)
	}
	return out
}

func MapKV[K comparable, V, W any](m map[K]V, f func(V) W) map[K]W {
	out := map[K]W{}
	for k, v := range m {
		out[k] = f(v)
	}
	return out
}

func First[T any](xs []T) (T, bool) {
	var zero T
	if len(xs) == 0 {
		return zero, false
	}
	return xs[0], true
}

func Apply[T any](x T, fs ...func(T) T) T {
	for _, f := range fs {
		x = f(x)
	}
	return x
}

func main() {
	evens := Filter(IntList{1, 2, 3, 4}, func(i int) bool { return i%2 == 0 })
	fmt.Println(evens, len(evens))
	fmt.Println(SumOf(Celsius(1.5), 2), Mean(1, 2, 4))
	fmt.Println(Keys(map[string]int{"a": 1}))
	fmt.Println(MapKV(map[string]int{"a": 1, "b": 2}, strconv.Itoa))
	fmt.Println(MapKV(map[string]int{"a": 1}, func(i int) []string { return []string{strconv.Itoa(i)} }))
	fmt.Println(First(strings.Fields("x y")))
	fmt.Println(First([]float64{}))
	fmt.Println(Apply(2, func(i int) int { return i * 10 }, func(i int) int { return i + 1 }))
	fmt.Println(Apply("a", strings.ToUpper))
	fmt.Println(SumOf(1, 2.0), SumOf(3))
	m := MapKV[string, int, string]
	fmt.Println(m(map[string]int{"z": 26}, func(i int) string { return fmt.Sprint(i * 2) }))
	var total int64 = SumOf[int64](1, 2)
	fmt.Println(total)
	fmt.Println(Map([]int{1, 2, 3}, func(i int) string { return strconv.Itoa(i) + "!" }))
	fmt.Println(Map[int]([]int{4}, func(i int) float64 { return float64(i) / 2 }))
	fmt.Println(Reduce([]int{1, 2, 3}, "", func(a string, i int) string { return a + strconv.Itoa(i) }))
	fmt.Println(SumOf(1, 2.5), SumOf[Celsius](4, 5), SumOf(Celsius(1), 2)/2)
	rev := slices.Reverse[[]int]
	ys := []int{1, 2, 3}
	rev(ys)
	fmt.Println(ys, slices.Index(ys, 1), slices.Max(ys))
	fmt.Println(Filter(IntList{5, 6}, func(i int) bool { return i > 5 }), len(Filter([]string{"a"}, func(string) bool { return false })))
}

func Map[T, U any](xs []T, f func(T) U) []U {
	var out []U
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func Reduce[T, A any](xs []T, init A, f func(A, T) A) A {
	acc := init
	for _, x := range xs {
		acc = f(acc, x)
	}
	return acc
}
