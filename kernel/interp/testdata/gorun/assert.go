// A failed type assertion: the same message and line.
package main

import "fmt"

func asInt(v any) int {
	return v.(int)
}

func main() {
	fmt.Println(asInt(3))
	fmt.Println(asInt("three"))
}
