package main

import "fmt"

func consume(ch <-chan int) {
	ch <- 1
}

func produce(ch chan<- int) int {
	return <-ch
}

func main() {
	var x int = nil
	ch := make(chan int, 1)
	consume(ch)
	fmt.Println(produce(ch), x)
}
