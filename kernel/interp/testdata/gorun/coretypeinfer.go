// Type parameters inferred from a core type: S ~[]E gives E, M ~map[K]V
// gives K and V, with no type arguments, some, or a constraint written
// inline.
package main

import "fmt"

type MySlice []int
type Scores map[string]float64

func Double[S ~[]E, E int | float64](s S) S {
	out := make(S, len(s))
	for i, v := range s {
		out[i] = v * 2
	}
	return out
}

func CopyMap[M ~map[K]V, K comparable, V any](m M) M {
	out := make(M, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

type SliceOf[E any] interface{ ~[]E }

func First[S SliceOf[E], E any](s S) E { return s[0] }

func Keys[M interface{ ~map[K]V }, K comparable, V any](m M) int {
	n := 0
	for range m {
		n++
	}
	return n
}

func Shift[S interface{ ~[]E }, E any](s S, by int) S {
	return append(s[by:len(s):len(s)], s[:by]...)
}

func main() {
	fmt.Println(Double(MySlice{1, 2}), Double([]float64{1.5}))
	fmt.Printf("%T %T\n", Double(MySlice{1}), CopyMap(Scores{"a": 1}))
	fmt.Println(CopyMap(map[string]int{"a": 1}), CopyMap(Scores{"b": 2.5}))
	fmt.Println(First(MySlice{4}), First([]string{"x"}), First[MySlice](MySlice{5}))
	fmt.Println(Double[MySlice](MySlice{3}), Keys(Scores{"a": 1, "b": 2}), Keys[map[int]bool](map[int]bool{1: true}))
	fmt.Println(Shift(MySlice{1, 2, 3}, 1), Shift([]string{"a", "b"}, 1))
}
