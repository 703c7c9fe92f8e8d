package main

// A recovered value of a named basic type raised again is one panic,
// "main.Sev(3) [recovered, repanicked]", as in Go.

import "fmt"

type Sev int

func main() {
	defer func() {
		r := recover()
		fmt.Println("recovered", r)
		panic(r)
	}()
	panic(Sev(3))
}
