// Package-level declarations of two values from a comma-ok index,
// assertion or receive, and from a call to a function declared later.
package main

import (
	"fmt"
	"strconv"
)

var m = map[string]int{"a": 1}
var v, ok = m["a"]
var w, ok2 = m["zz"]
var x, y = pair()
var n, err = strconv.Atoi("42")
var iface any = "str"
var s, isStr = iface.(string)
var ch = mk()
var r, rok = <-ch
var q, qerr = later("x")

func pair() (int, int) { return 1, 2 }

func mk() chan int {
	c := make(chan int, 1)
	c <- 9
	return c
}

func later(s string) (string, error) { return s + "!", nil }

type T struct{ a, b int }

var t1, t2 = mkT()

func mkT() (T, *T) { return T{1, 2}, &T{3, 4} }

func main() {
	fmt.Println(v, ok, w, ok2, x, y, n, err, s, isStr, r, rok, q, qerr, t1, *t2)
}
