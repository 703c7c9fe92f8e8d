package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
	}
	continue
	fmt.Println()
}

func g(x int) {
	if x > 0 {
		break
	}
}
