// Assertions from nil interfaces: comma-ok gives the zero value and false
// for compiled and program interfaces alike, and the failures read as Go's
// (an unnamed interface lists its methods sorted).
package main

import (
	"fmt"
	"io"
)

type My interface{ Foo() }

func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}

func main() {
	var err error
	_, ok := err.(fmt.Stringer)
	fmt.Println(ok)
	m := map[string]any{}
	s, ok := m["missing"].(fmt.Stringer)
	fmt.Println(s, ok)
	r, ok := recover().(error)
	fmt.Println(r, ok)
	var x any
	w, ok := x.(io.Writer)
	fmt.Println(w, ok)
	my, ok := x.(My)
	fmt.Println(my, ok)
	try(func() { _ = x.(My) })
	try(func() { _ = x.(fmt.Stringer) })
	var y any = 1
	try(func() {
		_ = y.(interface {
			Foo()
			Bar()
		})
	})
}
