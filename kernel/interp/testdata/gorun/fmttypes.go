package main

import (
	"fmt"
	"time"
)

type point struct{ x, y int }

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Named struct {
	Name string
	Temp Celsius
	d    time.Duration
	D    time.Duration
}

type Shape interface{ Area() float64 }
type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func main() {
	p := point{1, 2}
	fmt.Printf("%v %+v %#v %T\n", p, p, p, p)
	pp := &p
	fmt.Printf("%v %+v %T\n", pp, pp, pp)
	cs := []Celsius{1, 2.5}
	fmt.Println(cs, len(cs))
	fmt.Printf("%v %T\n", cs, cs)
	n := Named{"a", 20, time.Second, 2 * time.Second}
	fmt.Printf("%v\n%+v\n", n, n)
	var s Shape = Rect{2, 3}
	fmt.Printf("%T %v %+v\n", s, s, s)
	shapes := []Shape{Rect{1, 1}, Rect{2, 2}}
	fmt.Println(shapes)
	for _, sh := range shapes {
		switch v := sh.(type) {
		case Rect:
			fmt.Printf("%T %.1f\n", v, v.Area())
		}
	}
	m := map[string]Celsius{"b": 3, "a": 1}
	fmt.Println(m)
	pr := Pair[string, int]{"k", 1}
	fmt.Printf("%v %+v %T\n", pr, pr, pr)
	var c Celsius = 36.6
	fmt.Printf("%v %.2f %s %T\n", c, c, c, c)
	ps := []*point{{1, 2}}
	fmt.Println(len(ps), *ps[0])
	fmt.Printf("%T %T %T %T\n", 1, "s", 2.0, []int{})
	x := fmt.Sprintf("%+v", struct {
		a int
		B string
	}{1, "z"})
	fmt.Println(x)
	fmt.Printf("%5T|%-12T|\n", c, p)
	fmt.Printf("%d %x\n", point{3, 4}, point{10, 11})
	fmt.Println(fmt.Sprint(p, "x", p))
	type local struct{ v int }
	fmt.Printf("%T %+v\n", local{1}, local{2})
	var e error = fmt.Errorf("wrap %+v: %w", p, fmt.Errorf("inner"))
	fmt.Println(e)
	arr := [2]point{{1, 2}, {3, 4}}
	fmt.Printf("%v %+v\n", arr, arr)
	mp := map[point]string{{1, 2}: "a", {0, 1}: "b"}
	fmt.Println(mp)
	fmt.Printf("%v %+v\n", []any{p, c, 1}, map[string]any{"p": p})
}

type ErrE struct{ code int }

func (*ErrE) Error() string { return "e" }

func failing() error {
	var p *ErrE
	return p
}

func init() {
	err := failing()
	fmt.Printf("%T %v %T\n", err, err, fmt.Errorf("w: %w", &ErrE{2}))
	var e2 error = &ErrE{3}
	fmt.Printf("%+v %#v\n", []error{e2}, e2.(*ErrE).code)
}
