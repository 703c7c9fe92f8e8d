// Values returned as any keep their type: methods, %T, assertions to
// interfaces and type switches see it.

package main

import (
	"errors"
	"fmt"
)

type Shape interface{ Area() float64 }
type Sq struct{ S float64 }

func (s *Sq) Area() float64 { return s.S * s.S }

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1fC", float64(c)) }

type Plain struct{ A int }

func wrap(s *Sq) any         { return s }
func wrapC(c Celsius) any    { return c }
func wrapP(p Plain) any      { return p }
func wrapI(i int) any        { return i }
func wrapE() any             { return errors.New("e") }
func wrapN() any             { return nil }
func two(s *Sq) (any, error) { return s, nil }
func viaVar(s *Sq) any       { var r any = s; return r }

func main() {
	x := wrap(&Sq{2})
	sh, ok := x.(Shape)
	fmt.Println(ok, sh.Area())
	fmt.Printf("%T %v\n", x, wrapC(21.5))
	fmt.Printf("%T %v %T %v\n", wrapP(Plain{1}), wrapP(Plain{1}), wrapI(3), wrapI(3))
	fmt.Println(wrapE(), wrapN() == nil)
	a, _ := two(&Sq{3})
	fmt.Printf("%T\n", a)
	switch v := viaVar(&Sq{1}).(type) {
	case Shape:
		fmt.Println("shape", v.Area())
	default:
		fmt.Println("default")
	}
	switch v := wrapC(3).(type) {
	case fmt.Stringer:
		fmt.Println("stringer", v)
	}
}
