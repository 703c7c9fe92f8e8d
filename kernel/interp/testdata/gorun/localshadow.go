// A type declared in a function shadows the package's type of that name
// there, and only there.
package main

import "fmt"

type T struct{ V int }

type any int

type _ struct{ unused int } // declares nothing

func (t T) String() string { return fmt.Sprintf("T(%d)", t.V) }

type node struct {
	val  int
	next *node
}

func arrays() {
	type T [2]int
	p := T{0, 1}
	switch p {
	case T{0, 0}:
		fmt.Println("wrong")
	case T{0, 1}:
		fmt.Println("array", p, len(p))
	}
}

func strs() {
	type T string
	var s T = "x"
	fmt.Printf("%v %T\n", s, s)
}

func predeclared() {
	type error struct{ msg string }
	e := error{"x"}
	var a any = 3
	fmt.Printf("%v %v %T\n", e.msg, a, a)
}

func structs() {
	type T struct {
		Name string
		Tags []string
	}
	t := T{Name: "n", Tags: []string{"a"}}
	fmt.Printf("%+v\n", t)
	type node struct {
		key  string
		next *node
	}
	l := &node{key: "a", next: &node{key: "b"}}
	fmt.Println(l.key, l.next.key, l.next.next == nil)
}

func main() {
	arrays()
	strs()
	predeclared()
	structs()
	fmt.Println(T{3}, T{V: 4}.V)
	n := &node{val: 1, next: &node{val: 2}}
	fmt.Println(n.val + n.next.val)
}
