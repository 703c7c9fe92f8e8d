package main

import (
	"fmt"
	"strconv"
)

func parse(s string) (int, error) { return strconv.Atoi(s) }

func first() int { return parse("7") } // go: too many return values

func main() {
	n := parse("12") // go: assignment mismatch: 1 variable but parse returns 2 values
	fmt.Println(n, first())
}
