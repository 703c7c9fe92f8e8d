// An index out of range in a function: go run and the interpreter name the
// same line (Go adds the index and length to its message; the interpreter
// knows them only at a cell's top level).
package main

import "fmt"

func pick(xs []int, i int) int {
	a := xs[0]
	b := xs[i]
	return a + b
}

func main() {
	xs := []int{1, 2}
	fmt.Println(pick(xs, 1))
	fmt.Println(pick(xs, 5))
}
