package main

import "fmt"

type queue struct{ items []int }

// fix is never called: go build still rejects the package it names
// without importing it.
func (q *queue) fix() { heap.Fix(nil, 0) }

func main() {
	fmt.Println(strings.ToUpper("x"))
}
