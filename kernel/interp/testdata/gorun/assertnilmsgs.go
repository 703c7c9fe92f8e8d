// Failed assertions from nil interfaces and compiled values read as Go's:
// "interface {} is nil, not string", "main.Shape is nil, not main.Sq",
// "error is *errors.errorString, not *main.E".
package main

import (
	"errors"
	"fmt"
)

type Shape interface{ Area() float64 }
type Sq struct{}

func (Sq) Area() float64 { return 1 }

type E struct{}

func (*E) Error() string { return "e" }

func try(f func()) {
	defer func() { fmt.Println(recover()) }()
	f()
}

func main() {
	var x any
	var s Shape
	var err error
	try(func() { _ = x.(string) })
	try(func() { _ = s.(Sq) })
	try(func() { _ = err.(*E) })
	try(func() { _ = x.(Shape) })
	try(func() { _ = x.(error) })
	try(func() { _ = x.([]int) })
	try(func() { _ = x.(map[string]Sq) })
	err = errors.New("x")
	try(func() { _ = err.(*E) })
}
