package main

import "fmt"

type ByteSize float64

const (
	_           = iota
	KB ByteSize = 1 << (10 * iota)
	MB
	GB
)

const K float64 = 1 << (10 * 1)

func main() {
	fmt.Println(KB, MB, GB, K)
	send := make(chan<- int, 1)
	send <- 1
	fmt.Println(len(send), cap(send))
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	close(ch)
	for v := range ch {
		fmt.Println(v)
	}
	chs := []chan int{make(chan int), make(chan int, 4)}
	for i, c := range chs {
		fmt.Println(i, cap(c))
	}
	n := 0
	for _, c := range chs {
		_ = c
		n++
	}
	byName := map[string]chan int{"a": make(chan int, 1)}
	for k, c := range byName {
		c <- 5
		fmt.Println(k, <-c, cap(c), n)
	}
	var ro <-chan int = byName["a"]
	for i, c := range []<-chan int{ro} {
		fmt.Println(i, len(c))
	}
}
