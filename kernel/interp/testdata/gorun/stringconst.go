// string() of typed rune and byte constants defined by expressions.
package main

import "fmt"

const R rune = 'a' + 1 // typed constant whose value comes from a constant expression

type Grade byte

const (
	A Grade = 'A' + iota
	B
)

func main() {
	more()
	fmt.Printf("%q %q %q\n", string(R), string(A), string(B))
	r := R
	fmt.Printf("%q\n", string(r))
}

const S = 'a' + 1

func more() {
	fmt.Println(R, S, string(S), string(R))
}
