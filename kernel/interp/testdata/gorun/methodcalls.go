// Method calls on concrete receivers, which run without a method value:
// value and pointer receivers, promoted methods, generic types, variadic
// and multi-result methods, a nil receiver.

package main

import (
	"errors"
	"fmt"
	"strings"
)

type Counter struct{ n int }

func (c Counter) Get() int      { return c.n }
func (c *Counter) Inc()         { c.n++ }
func (c Counter) Bump() Counter { c.n += 10; return c }
func (c *Counter) Add(xs ...int) int {
	for _, x := range xs {
		c.n += x
	}
	return c.n
}

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }
func (c Celsius) Warm() bool     { return c > 20 }

type Base struct{ name string }

func (b Base) Name() string     { return b.name }
func (b *Base) Rename(s string) { b.name = s }

type Mid struct {
	Base
	level int
}

type Top struct {
	*Mid
	tag string
}

type Tree struct {
	left, right *Tree
	v           int
}

func (t *Tree) Sum() int {
	if t == nil {
		return 0
	}
	return t.v + t.left.Sum() + t.right.Sum()
}

func (t *Tree) Insert(v int) *Tree {
	if t == nil {
		return &Tree{v: v}
	}
	if v < t.v {
		t.left = t.left.Insert(v)
	} else {
		t.right = t.right.Insert(v)
	}
	return t
}

type Pair struct{ a, b int }

func (p Pair) Swap() (int, int) { return p.b, p.a }
func (p Pair) Div() (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	q = p.a / p.b
	return
}

func forward(p Pair) (int, int) { return p.Swap() }

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}
func (s Stack[T]) Len() int { return len(s.items) }

type Shape interface{ Area() float64 }
type Sq struct{ s float64 }

func (q Sq) Area() float64 { return q.s * q.s }

type Err struct{ code int }

func (e *Err) Error() string { return fmt.Sprintf("code %d", e.code) }
func (e *Err) Is(t error) bool {
	var o *Err
	return errors.As(t, &o) && o.code == e.code
}

func newCounter(n int) Counter { return Counter{n} }

type Builder struct{ sb strings.Builder }

func (b *Builder) Line(s string) *Builder { b.sb.WriteString(s + "\n"); return b }

func main() {
	c := Counter{1}
	c.Inc()
	c.Inc()
	fmt.Println(c.Get(), c.Bump().Get(), c.Get())
	fmt.Println(c.Add(1, 2, 3), c.Add(), c.Add([]int{4}...))
	pc := &c
	fmt.Println(pc.Get(), pc.Bump().Get())
	m := map[string]Counter{"a": {5}}
	fmt.Println(m["a"].Get(), m["a"].Bump().Get(), newCounter(7).Get())
	cs := []Counter{{1}, {2}}
	cs[1].Inc()
	fmt.Println(cs[0].Get(), cs[1].Get())

	t := Celsius(25)
	fmt.Println(t.String(), t.Warm(), Celsius(3).Warm())
	if t.Warm() {
		fmt.Println("warm branch")
	}
	if !Celsius(1).Warm() {
		fmt.Println("cold branch")
	}

	top := Top{Mid: &Mid{Base: Base{"x"}, level: 2}, tag: "t"}
	top.Rename("y")
	fmt.Println(top.Name(), top.Mid.Name(), top.Base.Name(), top.level)

	var root *Tree
	for _, v := range []int{5, 3, 8, 1, 4, 9} {
		root = root.Insert(v)
	}
	fmt.Println(root.Sum())

	p := Pair{1, 2}
	x, y := p.Swap()
	fmt.Println(x, y)
	fmt.Println(forward(Pair{3, 4}))
	fmt.Println(Pair{7, 2}.Div())
	fmt.Println(Pair{7, 0}.Div())

	var s Stack[string]
	s.Push("a")
	s.Push("b")
	v, ok := s.Pop()
	fmt.Println(v, ok, s.Len())
	var si Stack[int]
	_, ok = si.Pop()
	fmt.Println(ok)

	var sh Shape = Sq{3}
	fmt.Println(sh.Area(), Sq{2}.Area())

	e := &Err{3}
	fmt.Println(errors.Is(fmt.Errorf("wrap: %w", &Err{3}), e), e.Error())

	var b Builder
	b.Line("one").Line("two").Line("three")
	fmt.Print(b.sb.String())

	total := 0
	for i := 0; i < 1000; i++ {
		cc := Counter{i}
		cc.Inc()
		total += cc.Get()
	}
	fmt.Println(total)

	fns := []func() int{}
	for i := 0; i < 3; i++ {
		k := Counter{i}
		fns = append(fns, k.Get)
		k.Inc()
	}
	for _, f := range fns {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	defer func() {
		fmt.Println("recovered:", recover())
	}()
	var nilc *Counter
	fmt.Println(nilc.Get())
}
