// panic(recover()) of a program error type is Go's one line "E7 [recovered,
// repanicked]".
package main

import "fmt"

type E struct{ c int }

func (e E) Error() string { return fmt.Sprint("E", e.c) }

func main() {
	defer func() {
		r := recover()
		panic(r) // re-panic with the same value
	}()
	panic(E{7})
}
