package main

// The messages of failed type assertions name the types as Go does.

import "fmt"

type I interface {
	M()
	A()
}

type Name string

type P struct{ X int }

func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}

func main() {
	var x any = 5
	try(func() { _ = x.(I) })
	var y any = Name("n")
	try(func() { _ = y.(string) })
	var z any = "s"
	try(func() { _ = z.(Name) })
	try(func() { _ = z.(P) })
	var w any = P{1}
	try(func() { _ = w.(fmt.Stringer) })
	try(func() { _ = w.(int) })
}
