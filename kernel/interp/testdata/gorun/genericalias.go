package main

// Generic type aliases (Go 1.24) declare and use as the aliased types.

import "fmt"

type Set[T comparable] = map[T]struct{}

type Pair[K comparable, V any] = struct {
	Key K
	Val V
}

type List[T any] = []T

type Fn[T any] = func(T) T

type Grid[T any] = List[List[T]]

func keys[T comparable](s Set[T]) int { return len(s) }

func main() {
	s := Set[string]{"a": {}}
	s["b"] = struct{}{}
	var m map[string]struct{} = s
	fmt.Println(len(s), keys(s), len(m))
	p := Pair[string, int]{"x", 1}
	fmt.Println(p.Key, p.Val)
	var l List[int] = []int{1, 2}
	l = append(l, 3)
	fmt.Println(l, len(l))
	var a any = l
	_, isSlice := a.([]int)
	fmt.Printf("%T %T %T %v\n", l, s, p, isSlice)
	var double Fn[int] = func(x int) int { return 2 * x }
	fmt.Println(double(4))
	g := Grid[string]{{"a"}, {"b", "c"}}
	var nested List[List[int]] = [][]int{{1}}
	fmt.Printf("%T %v %T %v\n", g, g, nested, nested)
}
