// A channel compared with a receive-only or send-only view of it.
package main

import "fmt"

func main() {
	c := make(chan int)
	var r <-chan int = c
	var s chan<- int = c
	fmt.Println(c == r, r == c, s == c)
	d := make(chan int)
	var r2 <-chan int = d
	fmt.Println(c == r2)
	var none <-chan int
	fmt.Println(none == nil, r != nil, c != r2)
	switch c {
	case r:
		fmt.Println("match")
	default:
		fmt.Println("default")
	}
}
