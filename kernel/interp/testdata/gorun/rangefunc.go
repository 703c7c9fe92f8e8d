package main

import (
	"errors"
	"fmt"
)

type Tree struct {
	Left, Right *Tree
	Val         int
}

func (t *Tree) All(yield func(int) bool) bool {
	if t == nil {
		return true
	}
	return t.Left.All(yield) && yield(t.Val) && t.Right.All(yield)
}

func (t *Tree) Walk() func(func(int) bool) {
	return func(yield func(int) bool) { t.All(yield) }
}

func Count(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		defer fmt.Println("count done")
		for i := 0; i < n; i++ {
			if !yield(i) {
				fmt.Println("stopped at", i)
				return
			}
		}
	}
}

func Pairs(m []string) func(func(int, string) bool) {
	return func(yield func(int, string) bool) {
		for i, s := range m {
			if !yield(i, s) {
				return
			}
		}
	}
}

func find(n, want int) (int, error) {
	for x := range Count(n) {
		if x == want {
			return x * 10, nil
		}
	}
	return 0, errors.New("not found")
}

func nested() string {
outer:
	for i := range Count(3) {
		for j := range Count(3) {
			if j == 2 {
				continue outer
			}
			if i == 2 {
				break outer
			}
			fmt.Println("ij", i, j)
		}
	}
	return "nested ok"
}

func deferred() {
	for i := range Count(2) {
		defer fmt.Println("deferred", i)
	}
	fmt.Println("body of deferred done")
}

func gotoOut() {
	for i := range Count(5) {
		if i == 1 {
			goto done
		}
	}
done:
	fmt.Println("after goto")
}

func main() {
	t := &Tree{Left: &Tree{Val: 1}, Val: 2, Right: &Tree{Val: 3, Right: &Tree{Val: 4}}}
	for v := range t.Walk() {
		fmt.Println("tree", v)
	}
	var fs []func()
	for i := range Count(3) {
		fs = append(fs, func() { fmt.Println("closure", i) })
	}
	for _, f := range fs {
		f()
	}
	for i, s := range Pairs([]string{"a", "b", "c"}) {
		if i == 1 {
			continue
		}
		fmt.Println(i, s)
	}
	for i := range Count(10) {
		if i == 3 {
			break
		}
		fmt.Println("i", i)
	}
	fmt.Println(find(5, 3))
	fmt.Println(find(2, 3))
	fmt.Println(nested())
	deferred()
	gotoOut()
	sum := 0
	for range Count(4) {
		sum++
	}
	fmt.Println("sum", sum)
	for x := range t.Walk() {
		if x > 2 {
			break
		}
		fmt.Println("method value", x)
	}
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		for x := range Count(3) {
			if x == 1 {
				panic("boom")
			}
		}
	}()
	var bad func(func(int) bool) = func(yield func(int) bool) {
		yield(1)
		yield(2)
	}
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		for x := range bad {
			fmt.Println("bad", x)
			break
		}
	}()
}
