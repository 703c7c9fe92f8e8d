package main

// Range over an integer that a compiled function or method returns
// (strings.Count, (*ring.Ring).Len) in a program with imports.

import (
	"container/ring"
	"fmt"
	"strings"
)

func main() {
	for range strings.Count("aaa", "a") {
		fmt.Println("x")
	}
	r := ring.New(3)
	for i := range r.Len() {
		fmt.Print(i)
	}
	fmt.Println()
}
