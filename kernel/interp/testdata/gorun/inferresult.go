// Generic calls whose type arguments only the callbacks' generic result
// types give (func(T) Box[U]): the kernel writes the arguments go/types
// inferred where the interpreter cannot.

package main

import (
	"fmt"
	"strconv"
)

type Box[T any] struct{ V T }

func Then[T, U any](b Box[T], f func(T) Box[U]) Box[U] { return f(b.V) }

type Result[T any] struct {
	Val T
	Err error
}

func Try[T, U any](r Result[T], f func(T) Result[U]) Result[U] {
	if r.Err != nil {
		return Result[U]{Err: r.Err}
	}
	return f(r.Val)
}

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func main() {
	r := Then(Box[string]{"hi"}, func(s string) Box[int] { return Box[int]{len(s)} })
	fmt.Println(r.V)
	r2 := Then(r, func(n int) Box[string] { return Box[string]{strconv.Itoa(n * 10)} })
	fmt.Println(r2.V)
	res := Try(Result[string]{Val: "42"}, func(s string) Result[int] {
		n, err := strconv.Atoi(s)
		return Result[int]{n, err}
	})
	fmt.Println(res.Val, res.Err)
	fmt.Println(Map([]int{1, 2}, func(i int) string { return fmt.Sprint(i * 2) }))
}
