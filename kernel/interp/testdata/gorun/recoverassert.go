package main

// A recovered panic value of a program error type asserts to its type
// (r.(ParseError)), in a type switch and with comma-ok.

import "fmt"

type ParseError struct{ Msg string }

func (e ParseError) Error() string { return e.Msg }

type PtrErr struct{ Code int }

func (e *PtrErr) Error() string { return "ptr" }

type Plain struct{ N int }

func try(f func()) {
	defer func() {
		r := recover()
		switch v := r.(type) {
		case ParseError:
			fmt.Println("parse", v.Msg)
		case *PtrErr:
			fmt.Println("ptr", v.Code)
		case Plain:
			fmt.Println("plain", v.N)
		case error:
			fmt.Println("error", v)
		default:
			fmt.Println("other", v)
		}
		pe, ok := r.(ParseError)
		fmt.Println(ok, pe.Msg)
		_, isErr := r.(error)
		fmt.Println("is error:", isErr)
	}()
	f()
}

func main() {
	try(func() { panic(ParseError{"bad token"}) })
	try(func() { panic(&PtrErr{7}) })
	try(func() { panic(Plain{3}) })
	try(func() { panic(fmt.Errorf("wrapped")) })
	var e error = ParseError{"via var"}
	try(func() { panic(e) })
}
