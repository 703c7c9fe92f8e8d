package main

import "fmt"

func get(c chan bool) bool { return <-c }

func main() {
	c := make(chan bool, 3)
	c <- true
	c <- false
	c <- true
	f := func() bool { return <-c }
	fmt.Println(f())
	fmt.Println(get(c))
	vals := make(chan int)
	req := make(chan bool)
	go func(yield func(int) bool) {
		for i := 0; i < 3; i++ {
			if !yield(i) {
				close(vals)
				return
			}
		}
	}(func(v int) bool {
		vals <- v
		return <-req
	})
	fmt.Println(<-vals)
	req <- true
	fmt.Println(<-vals)
	req <- false
	_, ok := <-vals
	fmt.Println(ok, f())
}
