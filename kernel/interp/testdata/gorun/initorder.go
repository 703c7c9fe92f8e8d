// Package-level variables are initialised in Go's order: a variable
// without an initializer first (the interpreter zeroed it again at its
// declaration, losing what earlier initializers appended), then the
// earliest ready in declaration order, counting the variables the
// functions it calls use (c = initC() ran before a, which initC reads).
package main

import "fmt"

func note(s string, v int) int {
	log = append(log, s)
	return v
}

var (
	x = note("x", y+1)
	y = note("y", 1)
	z = note("z", 3)
	w = compute()
)

var table = buildTable()

var limit = 3

func buildTable() []int {
	t := make([]int, limit)
	for i := range t {
		t[i] = i * i
	}
	return t
}

func compute() int {
	return helper() * 2
}

func helper() int { return x + z }

type cfg struct{ n int }

var log []string

var defaultCfg = &cfg{n: limit * 10}

func main() {
	fmt.Println(x, y, z, w)
	fmt.Println(log)
	fmt.Println(table, defaultCfg.n)
}
