package main

// A deferred call that recovers a panic and raises another is reported as
// Go reports the chain: panic: first [recovered], then the new panic on
// the next line. A chain that a later recover ended is forgotten.

import (
	"errors"
	"fmt"
)

func quiet() {
	defer func() { fmt.Println("quiet recovered:", recover()) }()
	defer func() { panic("second") }()
	panic("first")
}

func main() {
	quiet()
	defer func() {
		r := recover()
		panic(fmt.Errorf("wrapped: %v", r))
	}()
	panic(errors.New("first"))
}
