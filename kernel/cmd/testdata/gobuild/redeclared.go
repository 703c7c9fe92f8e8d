package main

import "fmt"

func main() {
	x := 1
	x := 2
	fmt.Println(x)
	if x == "a" {
	}
	var f float64 = 1
	var i int = f
	fmt.Println(i)
}
