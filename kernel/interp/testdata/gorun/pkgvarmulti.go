// Package variables declared in twos from a function's results, used by
// variables declared before them.
package main

import (
	"fmt"
	"strconv"
)

var total = base * 2

var c = b

var base, parseErr = strconv.Atoi("21")

var a, b = pair()

var x, y int = pair2()

func pair() (int, string) { return 1, "one" }

func pair2() (int, int) { return 3, 4 }

func main() {
	fmt.Println(total, base, parseErr, a, b, c, x, y)
}
