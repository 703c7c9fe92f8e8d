package main

// Array and slice literals with keys: an unkeyed element follows the one
// before it, and [...] counts to the largest index.

import "fmt"

func main() {
	a := [...]string{5: "five", 2: "two", "three"}
	fmt.Println(len(a), a)
	s := []string{5: "five", 2: "two", "three"}
	fmt.Println(len(s), s)
	c := [...]int{1, 2, 7: 3, 4}
	fmt.Println(len(c), c)
}
