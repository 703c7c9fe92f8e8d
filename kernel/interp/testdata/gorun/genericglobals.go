package main

import "fmt"

func one[T any](x T) T { return x }

var c int = one(5)
var d = one(6)
var e = one[int](7)

func main() {
	var f = one(8)
	fmt.Println(c, d, e, f)
}

func two[T any](x T) (T, T) { return x, x }

var a, b = two(1)

func init() {
	c, d := two("x")
	fmt.Println(a+b, c+d)
}
