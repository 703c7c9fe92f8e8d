package main

// Generic types with one and with several type arguments embedded in a
// struct: the field is named by the generic type, its fields and methods
// are promoted.

import "fmt"

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func (p Pair[K, V]) String() string { return fmt.Sprintf("%v=%v", p.Key, p.Val) }

type List[T any] struct{ items []T }

func (l *List[T]) Add(x T) { l.items = append(l.items, x) }
func (l List[T]) Len() int { return len(l.items) }

type Named struct {
	Pair[string, int]
	List[string]
	Name string
}

func main() {
	n := Named{Pair: Pair[string, int]{"a", 1}, Name: "x"}
	n.Add("one")
	n.List.Add("two")
	fmt.Println(n.Pair.Key, n.Val, n.Key, n.Pair.String(), n.Len(), n.List.items)
}
