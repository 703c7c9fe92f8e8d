// Maps keyed by interfaces and structs holding them, and == on structs
// with interface fields: equal values made at different places are one
// key and compare equal; values of two named types over one underlying
// type are two keys, as in Go.
package main

import (
	"fmt"
	"sort"
)

type Shape interface{ Area() int }

type Sq struct{ s int }

func (q Sq) Area() int { return q.s * q.s }

type Circ struct{ r int }

func (c *Circ) Area() int { return 3 * c.r * c.r }

type Color int

const (
	Red Color = iota
	Green
)

func (c Color) String() string { return [...]string{"Red", "Green"}[c] }

type Level int

type Tok struct {
	Kind int
	Val  any
}

type Holder struct {
	S Shape
	n int
}

type Pair struct {
	K any
	S Shape
}

func equality() {
	a, b, c := Tok{1, "x"}, Tok{1, "x"}, Tok{1, 2}
	fmt.Println(a == b, a == c, a != b)
	fmt.Println(Tok{1, Green} == Tok{1, Green}, Tok{1, Green} == Tok{1, 1})
	h1, h2, h3 := Holder{Sq{2}, 1}, Holder{Sq{2}, 1}, Holder{Sq{3}, 1}
	fmt.Println(h1 == h2, h1 == h3, h1 != h2)
	var x, y any = h1, h2
	fmt.Println(x == y)
	arr, arr2 := [2]any{1, Color(1)}, [2]any{1, Color(1)}
	fmt.Println(arr == arr2, arr[0] == arr[1])
	p := &Circ{1}
	fmt.Println(Holder{p, 0} == Holder{p, 0}, Holder{p, 0} == Holder{&Circ{1}, 0})
}

func ifaceKeyed() {
	m := map[Shape]int{Sq{1}: 1, Sq{2}: 4}
	m[Sq{1}] += 10
	m[Sq{3}] = 9
	c := &Circ{1}
	m[c] = 3
	m[c]++
	m[&Circ{1}] = 100
	v, ok := m[Sq{2}]
	fmt.Println(len(m), m[Sq{1}], v, ok, m[c])
	delete(m, Sq{2})
	_, ok = m[Sq{2}]
	fmt.Println(len(m), ok)
	var keys []int
	for k, v := range m {
		keys = append(keys, k.Area()*1000+v)
	}
	sort.Ints(keys)
	fmt.Println(keys)
	var s Shape = Sq{3}
	fmt.Println(m[s])
	cnt := map[Shape]int{}
	for i := 0; i < 1000; i++ {
		cnt[Sq{i % 7}]++
	}
	fmt.Println(len(cnt), cnt[Sq{3}])
}

func anyKeyed() {
	a := map[any]string{Red: "red", 0: "zero"}
	a[Level(0)] = "lvl"
	a[Green] = "green"
	a[1] = "one"
	fmt.Println(len(a), a[Red], a[0], a[Level(0)], a[Green], a[1], a[Color(1)])
	var x any = Green
	fmt.Println(a[x])
	delete(a, Red)
	fmt.Println(len(a), a[Red] == "")
	set := map[any]bool{}
	for i := 0; i < 3; i++ {
		set[Sq{i % 2}] = true
		set[[2]any{i % 2, Sq{1}}] = true
	}
	fmt.Println(len(set))
}

func structKeyed() {
	p := map[Pair]int{}
	p[Pair{1, Sq{1}}]++
	p[Pair{1, Sq{1}}]++
	p[Pair{Color(1), Sq{1}}]++
	p[Pair{"x", nil}]++
	fmt.Println(len(p), p[Pair{1, Sq{1}}], p[Pair{Green, Sq{1}}], p[Pair{"x", nil}])
}

func main() {
	equality()
	ifaceKeyed()
	anyKeyed()
	structKeyed()
}
