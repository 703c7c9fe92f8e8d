package main

// Generic code the interpreter once got wrong: a generic function called
// inside a method of the type it returns (NewStack[T]() in Stack[T].Clone),
// instances first written in a generic function's body (v.(*entry[K, V]),
// type switch cases, make, new), partial instantiation as a value
// (maps.Clone[map[string]int]), and maps' functions on named map types.

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

type Counts map[string]int

type entry[K comparable, V any] struct {
	key K
	val V
}

type box[T any] struct{ v T }

func (b box[T]) String() string { return fmt.Sprintf("box(%v)", b.v) }

type Stack[T any] struct{ items []T }

func NewStack[T any]() *Stack[T] { return &Stack[T]{} }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Clone() *Stack[T] {
	c := NewStack[T]()
	for _, v := range s.items {
		c.Push(v)
	}
	return c
}

type Tree[T any] struct {
	left, right *Tree[T]
	val         T
}

func Leaf[T any](v T) *Tree[T] { return &Tree[T]{val: v} }

func (t *Tree[T]) Mirror() *Tree[T] {
	if t == nil {
		return nil
	}
	m := Leaf(t.val)
	m.left, m.right = t.right.Mirror(), t.left.Mirror()
	return m
}

func (t *Tree[T]) Walk(f func(T)) {
	if t == nil {
		return
	}
	t.left.Walk(f)
	f(t.val)
	t.right.Walk(f)
}

func get[K comparable, V any](v any) (V, bool) {
	e, ok := v.(*entry[K, V])
	if !ok {
		var zero V
		return zero, false
	}
	return e.val, true
}

func kind[T any](v any) string {
	switch x := v.(type) {
	case box[T]:
		return "box " + fmt.Sprint(x.v)
	case *box[T]:
		return "ptr box " + fmt.Sprint(x.v)
	case []box[T]:
		return fmt.Sprint("slice of ", len(x))
	default:
		return "other"
	}
}

func build[K comparable, V any](k K, v V) []entry[K, V] {
	out := make([]entry[K, V], 0, 2)
	out = append(out, entry[K, V]{k, v})
	p := new(entry[K, V])
	p.key = k
	out = append(out, *p)
	var m = map[K]*entry[K, V]{k: &out[0]}
	return append(out, *m[k])
}

func Keys[M ~map[K]V, K comparable, V any](m M) []K {
	var out []K
	for k := range m {
		out = append(out, k)
	}
	return out
}

func part1() {
	v, ok := get[string, int](&entry[string, int]{"a", 1})
	fmt.Println(v, ok)
	_, ok = get[string, int](entry[string, int]{"a", 1})
	fmt.Println(ok)
	fmt.Println(kind[int](box[int]{3}), kind[int](&box[int]{4}), kind[int]([]box[int]{{1}, {2}}), kind[string](box[int]{3}))
	fmt.Println(build("k", 2.5))
	s := NewStack[string]()
	s.Push("x")
	c := s.Clone()
	c.Push("y")
	fmt.Println(s.items, c.items)
	t := &Tree[int]{left: Leaf(1), right: &Tree[int]{left: Leaf(3), val: 4}, val: 2}
	var got []int
	t.Mirror().Walk(func(v int) { got = append(got, v) })
	fmt.Println(got)
	m := map[string]int{"b": 2, "a": 1}
	cl := maps.Clone(m)
	cl["c"] = 3
	fmt.Println(len(m), slices.Sorted(maps.Keys(cl)))
	fmt.Println(box[string]{"hi"})
}

func part2() {
	clone := maps.Clone[map[string]int]
	fmt.Println(clone(map[string]int{"a": 1}))
	keys := Keys[map[string]bool]
	fmt.Println(keys(map[string]bool{"z": true}))
	rev := slices.Reverse[[]int]
	s := []int{1, 2, 3}
	rev(s)
	fmt.Println(s)
	idx := slices.Index[[]string]
	fmt.Println(idx([]string{"a", "b"}, "b"))
}

func part3() {
	c := Counts{"a": 1, "b": 2}
	d := maps.Clone(c)
	fmt.Printf("%T %v\n", d, d)
	var nilm Counts
	fmt.Println(maps.Clone(nilm) == nil)
	e := map[string]int{}
	maps.Copy(e, c)
	fmt.Println(maps.Equal(c, e), maps.Equal(c, Counts{"a": 1}))
	maps.DeleteFunc(e, func(k string, v int) bool { return v > 1 })
	fmt.Println(e)
	fmt.Println(maps.EqualFunc(c, map[string]string{"a": "1", "b": "2"}, func(v int, s string) bool { return fmt.Sprint(v) == s }))
	clone := maps.Clone[map[string]int]
	fmt.Println(clone(map[string]int{"x": 9}))
	up := map[string]string{}
	maps.Insert(up, maps.All(map[string]string{"k": "v"}))
	fmt.Println(up, slices.Sorted(maps.Values(c)))
	words := strings.Fields("b a c a")
	set := maps.Collect(func(yield func(string, bool) bool) {
		for _, w := range words {
			if !yield(w, true) {
				return
			}
		}
	})
	fmt.Println(len(set), slices.Sorted(maps.Keys(set)))
}

func main() {
	part1()
	part2()
	part3()
}

func conv[T ~int64](x int64) T { return T(x) }

func init() {
	// A conversion to a type parameter instantiated with a compiled type.
	fmt.Println(conv[time.Duration](1500))
}
