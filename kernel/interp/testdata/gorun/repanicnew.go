// A new value equal to the recovered one is a panic of its own: "same
// [recovered]" then "panic: same", as Go compares the interface words.
package main

import "fmt"

func main() {
	defer func() {
		r := recover()
		panic(fmt.Sprint(r)) // new, equal string value
	}()
	panic("same")
}
