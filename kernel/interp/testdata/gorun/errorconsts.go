// An error or Stringer holding a named basic value equals that value (err ==
// ErrA, switch err { case ErrA: }), and only a value of its type.
package main

import (
	"errors"
	"fmt"
)

type Code int

func (c Code) Error() string { return fmt.Sprint("code ", int(c)) }

const (
	ErrA Code = iota + 1
	ErrB
)

var ErrC = Code(3)

type Level int

func (l Level) Error() string { return "level" }

type N string

func (n N) String() string { return string(n) }

func get(i int) error {
	switch i {
	case 1:
		return ErrA
	case 2:
		return ErrB
	case 3:
		return ErrC
	case 4:
		return Level(1)
	}
	return nil
}

func main() {
	for i := 0; i <= 4; i++ {
		err := get(i)
		switch err {
		case nil:
			fmt.Println(i, "nil")
		case ErrA:
			fmt.Println(i, "A")
		case ErrB, ErrC:
			fmt.Println(i, "B or C")
		default:
			fmt.Println(i, "other", err)
		}
		fmt.Println(err == ErrA, err == Level(1), errors.Is(err, ErrB), err != ErrC)
	}
	var s fmt.Stringer = N("x")
	fmt.Println(s == N("x"), s == N("y"))
	var a any = ErrA
	switch a {
	case ErrA:
		fmt.Println("any A")
	}
	switch a {
	case 1:
		fmt.Println("int 1")
	default:
		fmt.Println("not int 1")
	}
}
