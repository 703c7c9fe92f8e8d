package main

import "fmt"

func add3(a, b, c int) int { return a + b + c }

func main() {
	xyz := 1
	fmt.Println(add3(1, xyz))
	fmt.Println(add3())
	ch := make(<-chan int)
	ch <- 1
	fmt.Println(add3(1, 2, 3, 4))
}
