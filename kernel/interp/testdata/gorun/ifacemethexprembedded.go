// A method expression on a program interface that embeds a compiled one,
// as a value and given to a generic function.
package main

import "fmt"

type Named interface{ fmt.Stringer }

type T string

func (t T) String() string { return string(t) }

func apply[X any](xs []X, key func(X) string) {
	for _, x := range xs {
		fmt.Println(key(x))
	}
}

func main() {
	apply([]Named{T("a")}, Named.String)
}
