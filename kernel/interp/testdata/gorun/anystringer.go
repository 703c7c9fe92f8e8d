// A program value held in an any without methods of the interface type
// (var a any = Circle{2}) asserted to fmt.Stringer and called; a switch
// on a program interface with concrete case values.

package main

import "fmt"

type Circle struct{ R float64 }

func (c Circle) String() string { return fmt.Sprintf("Circle(%g)", c.R) }

func check(v any) {
	st, ok := v.(fmt.Stringer)
	fmt.Println(ok)
	if ok {
		fmt.Println(st.String())
	}
}

func main() {
	check(Circle{1})
	var a any = Circle{2}
	check(a)
	s, ok := a.(fmt.Stringer)
	fmt.Println(s.String(), ok)
}

type Shape interface{ Area() float64 }
type Rect struct{ W, H float64 }

func (r Rect) Area() float64 { return r.W * r.H }

func init() {
	var s Shape = Rect{2, 3}
	switch s {
	case Rect{1, 1}:
		fmt.Println("unit")
	case Rect{2, 3}:
		fmt.Println("2x3")
	}
}
