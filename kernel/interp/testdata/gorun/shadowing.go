package main

// Variables named like predeclared identifiers (iota, nil, len, true)
// are variables in their scope.

import "fmt"

const (
	a = iota * 10
	b
)

func main() {
	iota := 10
	fmt.Println(iota+1, a, b)
	nil := 3
	fmt.Println(nil + 1)
	{
		len := func(s string) int { return 42 }
		fmt.Println(len("x"))
	}
	fmt.Println(len("x"))
	true := false
	fmt.Println(true)
}
