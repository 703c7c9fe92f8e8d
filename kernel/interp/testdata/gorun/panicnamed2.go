package main

// Panics with values of named slice, func and basic types keep their type
// through recover, also raised again; failed assertions name the
// operand's interface and the first missing method; an unnamed struct is
// named by its own fields in run-time errors.

import "fmt"

type list []int
type action func() int
type Sev int

type Shape interface{ Area() int }
type Sq struct{}

func (Sq) Area() int { return 1 }

type Ci struct{}

func (Ci) Area() int { return 2 }

type A interface{ Name() string }
type B interface {
	A
	Export() string
	Close() error
}
type T struct{}

func (T) Name() string { return "t" }

func try(f func()) {
	defer func() { fmt.Println("recovered:", recover()) }()
	f()
}

func main() {
	func() {
		defer func() { r := recover(); fmt.Printf("%T %v\n", r, r) }()
		panic(list{4})
	}()
	func() {
		defer func() { _, ok := recover().(action); fmt.Println(ok) }()
		panic(action(func() int { return 42 }))
	}()
	func() {
		defer func() { r := recover(); s, ok := r.(Sev); fmt.Printf("%T %v %v\n", r, s, ok) }()
		panic(Sev(3))
	}()
	var s Shape = Sq{}
	try(func() { _ = s.(Ci) })
	var a A = T{}
	try(func() { _ = a.(B) })
	try(func() {
		m := map[any]int{}
		m[struct{ x []int }{}] = 1
	})
	try(func() {
		var p, q any = struct{ x []int }{}, struct{ x []int }{}
		fmt.Println(p == q)
	})
}
