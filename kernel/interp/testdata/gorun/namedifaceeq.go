// An interface compared with a value of a named basic type of the program:
// equal only when the interface holds that type.

package main

import "fmt"

type Color int

const (
	Red Color = iota
	Green
)

type Name string

func main() {
	var c any = Green
	fmt.Println(c == Green, Green == c, c != Green, c == Red, c == 1, c == any(1))
	var n any = Name("x")
	fmt.Println(n == Name("x"), n == "x", n != Name("y"))
	if c == Green {
		fmt.Println("branch ok")
	}
	vals := []any{Red, Green, 1, "s"}
	for _, v := range vals {
		fmt.Print(v == Green, " ")
	}
	fmt.Println()
}
