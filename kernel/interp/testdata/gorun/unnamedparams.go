package main

import (
	"fmt"
	"strings"
)

type handler func(string, int) string

type server struct{ name string }

func (s server) handle(string, int) string { return s.name + " handled" }

func ignore(int) { fmt.Println("ignored") }

func pair(int, string) (int, error) { return 7, nil }

func apply(h handler) string { return h("x", 1) }

func main() {
	ignore(1)
	n, err := pair(1, "a")
	fmt.Println(n, err)
	s := server{"srv"}
	fmt.Println(apply(s.handle))
	fmt.Println(apply(func(string, int) string { return strings.ToUpper("lit") }))
	visit := func(_ int, v string) { fmt.Println("visit", v) }
	visit(0, "z")
	var cb func(error)
	cb = func(error) { fmt.Println("callback") }
	cb(nil)
}
