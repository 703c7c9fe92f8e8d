// A builtin's result (new(S), make(lst, 3)) returned as an interface
// with methods.
package main

import "fmt"

type I interface{ F() int }

type S struct{ x int }

func (s *S) F() int { return s.x + 1 }

func NewI() I { return new(S) }

func NewMany() (I, error) { return new(S), nil }

func Slice() interface{ Len() int } { return make(lst, 3) }

type lst []int

func (l lst) Len() int { return len(l) }

func main() {
	fmt.Println(NewI().F())
	i, err := NewMany()
	fmt.Println(i.F(), err)
	fmt.Println(Slice().Len())
	var j I = new(S)
	fmt.Println(j.F())
}
