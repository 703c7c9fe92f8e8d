package main

// A panic with a value of a named basic type is reported as Go reports
// it (panic: main.Code(42)); recover gives the typed value back.

import "fmt"

type Code int
type Name string
type F float64

func try(f func()) {
	defer func() {
		r := recover()
		c, ok := r.(Code)
		fmt.Println("recovered", r, c, ok)
	}()
	f()
}

func main() {
	try(func() { panic(Code(7)) })
	try(func() { panic(Name("n")) })
	panic(Code(42))
}
