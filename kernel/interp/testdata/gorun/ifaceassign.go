package main

// Values of program types stored in and asserted from interfaces: a
// composite literal assigned to an interface element, field, map entry or
// pointee; an any asserted to a program interface, with and without ok.

import "fmt"

type Shape interface{ Area() int }
type Namer interface{ Name() string }

type Sq struct{ S int }

func (s Sq) Area() int    { return s.S * s.S }
func (s Sq) Name() string { return fmt.Sprint("sq", s.S) }
func (s *Sq) Grow(by int) { s.S += by }

type Holder struct{ S Shape }

func main() {
	shapes := make([]Shape, 2)
	shapes[0] = Sq{3}
	shapes[1] = &Sq{4}
	m := map[string]Shape{}
	m["a"] = Sq{5}
	var h Holder
	h.S = Sq{6}
	p := new(Shape)
	*p = Sq{7}
	var s Shape = Sq{8}
	s = Sq{9}
	var e any
	e = Sq{10}
	fmt.Println(shapes[0].Area(), shapes[1].Area(), m["a"].Area(), h.S.Area(), (*p).Area(), s.Area(), e)
	fmt.Printf("%T %T %v %+v\n", shapes[0], shapes[1], shapes[0], h)

	var v any = Sq{2}
	n := v.(Namer)
	fmt.Println(n.Name())
	if sh, ok := v.(Shape); ok {
		fmt.Println("shape", sh.Area())
	}
	fmt.Println(v.(Shape).Area())
	_, ok := v.(interface{ Grow(int) })
	fmt.Println("value has Grow:", ok)
	var pv any = &Sq{3}
	g := pv.(interface{ Grow(int) })
	g.Grow(2)
	fmt.Println(pv.(Shape).Area(), pv.(Namer).Name())
}
