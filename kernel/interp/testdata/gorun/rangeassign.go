// Range loops that assign existing variables (for j = range xs): the
// variables hold the last iteration's values after the loop, for slices,
// maps, strings, channels, integers, fields and elements.

package main

import "fmt"

type T struct{ n int }

func last() (k int, v string) {
	for k, v = range []string{"a", "b", "c"} {
	}
	return
}

func main() {
	var j int
	xs := []string{"a", "b", "c"}
	for j = range xs {
		fmt.Print(j, " ")
	}
	fmt.Println(j)
	var k string
	var v int
	m := map[string]int{"x": 1}
	for k, v = range m {
	}
	fmt.Println(k, v)
	var r rune
	var i int
	for i, r = range "héllo" {
		if r == 'l' {
			break
		}
	}
	fmt.Println(i, string(r))
	t := &T{}
	for t.n = range 5 {
	}
	fmt.Println(t.n)
	a := []int{0}
	for a[0] = range xs {
		if a[0] == 1 {
			continue
		}
	}
	fmt.Println(a, fmt.Sprint(last()))
	var e string
	for _, e = range xs {
	}
	fmt.Println(e)
	ch := make(chan int, 3)
	ch <- 7
	ch <- 8
	close(ch)
	var c int
	for c = range ch {
	}
	fmt.Println(c)
	for j = range []int{} {
	}
	fmt.Println(j)
	func() {
		var fs []func() int
		for j = range 3 {
			fs = append(fs, func() int { return j })
		}
		fmt.Println(fs[0](), fs[2]())
	}()
}
