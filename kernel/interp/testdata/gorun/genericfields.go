package main

// Fields, methods and keys named like a type parameter (type Pair[K, V]
// struct{ K K; V V }) are names, not the type parameters.

import "fmt"

type Pair[K comparable, V any] struct {
	K K
	V V
}

func (p Pair[K, V]) Swap() Pair[K, V] { return Pair[K, V]{K: p.K, V: p.V} }

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.K, p.V) }

type Getter[T any] interface{ T() T }

type box[T any] struct{ t T }

func (b box[T]) T() T { return b.t }

func MakePair[K comparable, V any](k K, v V) Pair[K, V] {
	return Pair[K, V]{K: k, V: v}
}

func first[T any](g Getter[T]) T { return g.T() }

func main() {
	p := Pair[string, int]{"x", 1}
	fmt.Println(p.K, p.V)
	var q Pair[int, int]
	fmt.Println(q, MakePair("a", 2.5).Swap())
	fmt.Println(first[int](box[int]{7}))
	ps := []Pair[string, bool]{{K: "on", V: true}}
	fmt.Printf("%+v\n", ps[0])
}
