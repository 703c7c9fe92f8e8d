// Package-level variables initialize in declaration order, subject to
// their dependencies: blank ones (the self-registration pattern) in place,
// and through the bodies of the methods they call.
package main

import "fmt"

var names []string

func register(name string) bool {
	names = append(names, name)
	return true
}

var (
	_ = register("first")
	_ = register("second")
	x = register("third")
	_ = register("fourth")
)

var calls []string

func f3() (int, int, int) { calls = append(calls, "f3"); return 1, 2, 3 }
func g(s string) int      { calls = append(calls, s); return 0 }

var a, _, c = f3()
var d = g("d")
var _, e = g("e1"), g("e2")

type T struct{}

func (T) get() string { return "got " + late }

var early = T{}.get()
var late = "late"

func main() {
	fmt.Println(names, x)
	fmt.Println(a, c, d, e, calls)
	fmt.Println(early)
}
