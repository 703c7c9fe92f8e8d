// A deferred call of a builtin evaluates its arguments when the defer
// statement runs.
package main

import "fmt"

var inFlight = map[string]bool{}

func work(k string) {
	inFlight[k] = true
	defer delete(inFlight, k)
	fmt.Println("working on", k, len(inFlight))
}

func build() map[int]bool {
	m := map[int]bool{}
	for i := 0; i < 3; i++ {
		m[i] = true
		defer delete(m, i)
	}
	return m
}

func copies() (dst []int) {
	dst = make([]int, 3)
	src := []int{1, 2, 3}
	defer copy(dst, src)
	src = []int{7, 8, 9}
	return dst
}

func recovers() (msg string) {
	defer func() { msg = fmt.Sprint(recover()) }()
	v := "first"
	defer panic(v)
	v = "second"
	return "none"
}

func main() {
	work("a")
	work("b")
	fmt.Println(len(inFlight), len(build()))
	fmt.Println(copies(), recovers())
	ch := make(chan int, 1)
	func() {
		c := ch
		defer close(c)
		c = nil
	}()
	_, ok := <-ch
	fmt.Println(ok)
}
