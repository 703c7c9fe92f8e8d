package main

import "fmt"

func try(name string, f func()) {
	defer func() { fmt.Println(name, recover()) }()
	f()
}

func main() {
	xs := make([]int, 2, 3)
	s := "abc"
	arr := [3]int{}
	i, j, k, m := 5, 1, -1, 2
	try("a", func() { _ = xs[:i] })
	try("b", func() { _ = xs[m:j] })
	try("c", func() { _ = s[:i] })
	try("d", func() { _ = arr[:i] })
	try("e", func() { _ = xs[k:] })
	try("f", func() { _ = xs[:k] })
	try("g", func() { _ = xs[j:m:i] })
	try("h", func() { _ = xs[j:i:m] })
	try("i", func() { _ = xs[m:j:m] })
	try("j", func() { _ = xs[i:] })
	try("k", func() { _ = s[m:j] })
	try("l", func() { _ = xs[:3] })
	try("m", func() { _ = xs[k] })
	p := &arr
	try("n", func() { _ = p[:i] })
}
