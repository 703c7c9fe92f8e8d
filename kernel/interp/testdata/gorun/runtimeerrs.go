// Run-time errors of dereferences, shifts and make: a nil pointer's *p
// panics wherever it is used, a negative shift count panics, and make of a
// channel with a negative size reads as Go's runtime.
package main

import "fmt"

func try(name string, f func()) {
	defer func() {
		r := recover()
		fmt.Printf("%s %v %T\n", name, r, r)
	}()
	f()
}

func shifts() {
	s := -1
	try("shl", func() { fmt.Println(1 << s) })
	try("shr", func() { x := 8; fmt.Println(x >> s) })
	try("shlassign", func() { x := 8; x <<= s; fmt.Println(x) })
	try("shrassign", func() { var x uint8 = 8; x >>= s; fmt.Println(x) })
	try("chan", func() { n := -1; _ = make(chan int, n) })
	var k int8 = 3
	var u uint = 70
	fmt.Println(1<<k, 1<<u, uint64(1)<<63>>k, -8>>1, int8(-128)>>7)
	try("ok", func() { fmt.Println(5 << 2) })
}

type T struct{ x int }

func try2(name string, f func()) {
	defer func() { fmt.Println(name, recover()) }()
	f()
}

func main() {
	shifts()
	var p *int
	var t *T
	try2("println", func() { fmt.Println(*p) })
	try2("assign", func() { x := *p; fmt.Println(x) })
	try2("field", func() { fmt.Println(t.x) })
	try2("copy", func() { v := *t; fmt.Println(v) })
	try2("sprint", func() { _ = fmt.Sprint(*t) })
	try2("cond", func() {
		var b *bool
		if *b {
			fmt.Println("yes")
		}
	})
	q := new(int)
	*q = 4
	fmt.Println(*q)
	fmt.Println(*p)
}
