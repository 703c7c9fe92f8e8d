// Select cases that receive into existing variables (case got = <-ch:,
// case v, ok = <-ch:, fields, elements and map entries) assign them; case
// v := <-ch: declares its own.
package main

import "fmt"

type S struct{ v int }

func main() {
	ch := make(chan int, 4)
	ch <- 5
	var got int
	select {
	case got = <-ch:
	}
	fmt.Println(got)
	ch <- 6
	select {
	case got = <-ch:
		fmt.Println("body", got)
	}
	fmt.Println("after", got)
	ch <- 6
	select {
	case got := <-ch:
		fmt.Println("shadow", got)
	}
	ch <- 7
	close(ch)
	var ok bool
	for i := 0; i < 2; i++ {
		select {
		case got, ok = <-ch:
		}
		fmt.Println(got, ok)
	}
	var s S
	arr := make([]int, 2)
	c2 := make(chan int, 2)
	c2 <- 8
	c2 <- 9
	select {
	case s.v = <-c2:
	}
	select {
	case arr[1] = <-c2:
	default:
	}
	fmt.Println(s, arr)
	m := map[string]int{}
	c2 <- 10
	select {
	case m["k"] = <-c2:
	}
	fmt.Println(m)
	c2 <- 11
	c2 <- 12
	select {
	case _ = <-c2:
	}
	var ok2 bool
	select {
	case _, ok2 = <-c2:
	}
	fmt.Println(len(c2), ok2)
}
