// A concrete value converted to an interface of the program: methods
// called on the conversion, a typed nil pointer converted is not nil.

package main

import (
	"errors"
	"fmt"
	"sort"
)

type Greeter struct{ greeting string }

func (g Greeter) Greet(name string) string { return g.greeting + ", " + name }

type Formatter interface{ Greet(string) string }

type Shape interface{ Area() int }
type Ptr struct{ n int }

func (p *Ptr) Area() int {
	if p == nil {
		return -1
	}
	return p.n
}

type MyErr struct{}

func (*MyErr) Error() string { return "my" }

type nums []int

func (n nums) Len() int           { return len(n) }
func (n nums) Less(i, j int) bool { return n[i] < n[j] }
func (n nums) Swap(i, j int)      { n[i], n[j] = n[j], n[i] }

func use(f Formatter) string { return f.Greet("x") }

func main() {
	g := Greeter{"hello"}
	fmt.Println(Formatter(g).Greet("bob"))
	f := Formatter(g)
	fmt.Println(f.Greet("amy"), use(Formatter(g)), use(g))
	var p *Ptr
	fmt.Println(Shape(p) == nil, Shape(p) != nil, Shape(p).Area())
	s := Shape(&Ptr{4})
	fmt.Printf("%T %v %d\n", s, s == nil, s.Area())
	shapes := []Shape{Shape(&Ptr{1}), Shape(p)}
	for _, sh := range shapes {
		fmt.Print(sh.Area(), " ")
	}
	fmt.Println()
	var e error = error((*MyErr)(nil))
	fmt.Println(e == nil, errors.Is(e, e))
	x := nums{3, 1, 2}
	sort.Sort(sort.Interface(x))
	fmt.Println(x, sort.Interface(x).Len())
	var any1 any = Formatter(g)
	_, ok := any1.(Formatter)
	fmt.Println(ok)
}
