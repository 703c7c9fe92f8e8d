// A program's generic calls are given the type arguments go/types infers:
// from a declared function passed as an argument, from a multi-value call
// (the Result/Try idiom), and from such a call's result.
package main

import (
	"fmt"
	"strconv"
	"strings"
)

type Box[T any] struct {
	v   T
	err error
}

func Try[T any](v T, err error) Box[T] { return Box[T]{v, err} }

func AndThen[T, U any](b Box[T], f func(T) Box[U]) Box[U] {
	if b.err != nil {
		return Box[U]{err: b.err}
	}
	return f(b.v)
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func half(n int) Box[float64] { return Box[float64]{v: float64(n) / 2} }

func main() {
	fmt.Println(AndThen(Box[int]{v: 4}, half))
	x := Try(strconv.Atoi("3"))
	fmt.Println(AndThen(x, half))
	bad := AndThen(Try(strconv.Atoi("x")), half)
	fmt.Println(bad.err)
	fmt.Println(Map(strings.Fields("a bb ccc"), strings.ToUpper), Map([]string{"1", "22"}, strconv.Quote))
	lens := Map(Map(strings.Fields("x yy"), strings.ToUpper), func(s string) int { return len(s) })
	fmt.Println(lens)
}
