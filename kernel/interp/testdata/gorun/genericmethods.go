package main

import "fmt"

type Stack[T any] struct{ items []T }

// Pop calls methods declared after it.
func (s *Stack[T]) Pop() (T, bool) {
	if s.Empty() {
		var zero T
		return zero, false
	}
	v := s.items[s.Len()-1]
	s.items = s.items[:s.Len()-1]
	return v, true
}

func (s *Stack[T]) Push(v T)    { s.items = append(s.items, v) }
func (s *Stack[T]) Len() int    { return len(s.items) }
func (s *Stack[T]) Empty() bool { return s.Len() == 0 }

type Tag[T any] struct{}

func (Tag[T]) Name() string { return fmt.Sprintf("tag of %T", *new(T)) }

type pair[K comparable, V any] struct {
	k    K
	v    V
	next *pair[K, V]
}

func main() {
	var s Stack[string]
	s.Push("a")
	s.Push("b")
	for !s.Empty() {
		v, _ := s.Pop()
		fmt.Println(v)
	}
	_, ok := s.Pop()
	fmt.Println(ok, Tag[int]{}.Name(), Tag[string]{}.Name())
	p := &pair[string, int]{k: "x", v: 1, next: &pair[string, int]{k: "y", v: 2}}
	for q := p; q != nil; q = q.next {
		fmt.Println(q.k, q.v)
	}
}
