package main

import (
	"cmp"
	"fmt"
	"strings"
)

type Pair[A, B any] struct {
	First  A
	Second B
}

func (p Pair[A, B]) Swap() Pair[B, A] { return Pair[B, A]{p.Second, p.First} }

func SwapPair[A, B any](p Pair[A, B]) Pair[B, A] { return Pair[B, A]{p.Second, p.First} }

type Box[T any] struct{ v T }

func (b Box[T]) Get() T { return b.v }

type Opt[T any] struct {
	v  T
	ok bool
}

func (o Opt[T]) Get() T {
	if !o.ok {
		var z T
		return z
	}
	return o.v
}

type List[T any] []T

func (l List[T]) Len() int { return len(l) }

func Map[T, U any](l List[T], f func(T) U) List[U] {
	out := make(List[U], 0, len(l))
	for _, x := range l {
		out = append(out, f(x))
	}
	return out
}

type Set[T comparable] map[T]struct{}

func (s Set[T]) Add(v T)           { s[v] = struct{}{} }
func (s Set[T]) Has(v T) bool      { _, ok := s[v]; return ok }
func NewSet[T comparable]() Set[T] { return make(Set[T]) }

func Unbox[T any](b *Box[T]) T { return b.v }

func Firsts[A, B any](ps []Pair[A, B]) []A {
	var out []A
	for _, p := range ps {
		out = append(out, p.First)
	}
	return out
}

type Tree[T cmp.Ordered] struct {
	Left, Right *Tree[T]
	Val         T
}

func (t *Tree[T]) Insert(v T) *Tree[T] {
	if t == nil {
		return &Tree[T]{Val: v}
	}
	if v < t.Val {
		t.Left = t.Left.Insert(v)
	} else {
		t.Right = t.Right.Insert(v)
	}
	return t
}

func (t *Tree[T]) Walk(f func(T)) {
	if t == nil {
		return
	}
	t.Left.Walk(f)
	f(t.Val)
	t.Right.Walk(f)
}

func main() {
	p := Pair[string, int]{"x", 42}
	q := p.Swap()
	fmt.Println(q.First+1, q.Second, SwapPair(q).First)
	fmt.Printf("%+v %T\n", q, q)
	fmt.Println(Box[int]{1}.Get(), Opt[int]{2, false}.Get(), Opt[int]{3, true}.Get())
	l := List[int]{1, 2, 3}
	m := Map(l, func(x int) string { return fmt.Sprint(x * 2) })
	fmt.Println(m, m.Len(), l.Len())
	s := NewSet[string]()
	s.Add("a")
	fmt.Println(s.Has("a"), s.Has("b"), len(s))
	fmt.Println(Unbox(&Box[string]{"boxed"}))
	fmt.Println(Firsts([]Pair[string, bool]{{"a", true}, {"b", false}}))
	fmt.Printf("%T %T %v\n", m, s, s)
	var t *Tree[string]
	for _, w := range strings.Fields("the quick brown fox") {
		t = t.Insert(w)
	}
	t.Walk(func(s string) { fmt.Print(s, " ") })
	fmt.Println()
	var nested Box[Pair[string, int]]
	nested.v.Second = 7
	fmt.Printf("%v %+v %T\n", nested.Get().Second, nested, nested)
}
