package main

import (
	"fmt"
	"strings"
)

type Seq[V any] func(yield func(V) bool)
type Seq2[K, V any] func(yield func(K, V) bool)

type Shape interface{ Area() float64 }
type Sq struct{ S float64 }

func (s Sq) Area() float64 { return s.S * s.S }

type Point struct{ X, Y int }

func Enumerate[T any](xs []T) Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i, x := range xs {
			if !yield(i, x) {
				return
			}
		}
	}
}

func Filter[T any](s Seq[T], keep func(T) bool) Seq[T] {
	return func(yield func(T) bool) {
		for x := range s {
			if keep(x) && !yield(x) {
				return
			}
		}
	}
}

func Values[T any](xs []T) Seq[T] {
	return func(yield func(T) bool) {
		for _, x := range xs {
			if !yield(x) {
				return
			}
		}
	}
}

type Node struct {
	Val         int
	Left, Right *Node
}

func (n *Node) All() Seq[int] {
	return func(yield func(int) bool) {
		n.walk(yield)
	}
}

func (n *Node) walk(yield func(int) bool) bool {
	if n == nil {
		return true
	}
	for v := range n.Left.All() {
		if !yield(v) {
			return false
		}
	}
	return yield(n.Val) && n.Right.walk(yield)
}

func firstPair(a, b []int) (int, int) {
	for x := range Values(a) {
		for y := range Values(b) {
			if x+y == 10 {
				return x, y
			}
		}
	}
	return -1, -1
}

func main() {
	for i, p := range Enumerate([]Point{{1, 2}, {3, 4}}) {
		fmt.Printf("%d %+v %T\n", i, p, p)
	}
	for s := range Values([]Shape{Sq{2}, Sq{3}}) {
		fmt.Println(s.Area())
	}
	evens := Filter(Values([]int{1, 2, 3, 4, 5, 6}), func(x int) bool { return x%2 == 0 })
	for x := range evens {
		fmt.Println("even", x)
	}
	root := &Node{Val: 5, Left: &Node{Val: 3, Left: &Node{Val: 1}}, Right: &Node{Val: 8}}
	var sb strings.Builder
	for v := range root.All() {
		fmt.Fprint(&sb, v, " ")
		if v == 5 {
			break
		}
	}
	fmt.Println(sb.String())
	fmt.Println(firstPair([]int{1, 2, 3}, []int{9, 8, 7}))
	fmt.Println(firstPair([]int{1}, []int{1}))
outer:
	for x := range Values([]int{1, 2, 3}) {
		for y := range Values([]int{10, 20}) {
			for z := range Values([]string{"a", "b"}) {
				if x == 2 && z == "b" {
					continue outer
				}
				if x == 3 {
					break outer
				}
				fmt.Println(x, y, z)
			}
		}
	}
	for x := range Values([]int{1, 2, 3, 4}) {
		switch {
		case x == 2:
			continue
		case x == 3:
			break
		}
		fmt.Println("switch", x)
	}
	total := 0
	for _, v := range Enumerate([]int{5, 6}) {
		total += v
	}
	fmt.Println("total", total)
	for x := range Values([]int{1, 2, 3}) {
		if x == 2 {
			goto next
		}
		fmt.Println("goto", x)
	next:
	}
	var nilSeq Seq[int]
	defer func() { fmt.Println("recovered:", recover()) }()
	for range nilSeq {
	}
}
