// The ok of a comma-ok form assigned to a variable of interface type.
package main

import "fmt"

func main() {
	var i int
	var ok interface{}
	m := map[int]int{1: 2}
	i, ok = m[1]
	fmt.Println(i, ok)
	var x interface{} = 3
	i, ok = x.(int)
	fmt.Println(i, ok)
	c := make(chan int, 1)
	c <- 42
	i, ok = <-c
	fmt.Println(i, ok)
}
