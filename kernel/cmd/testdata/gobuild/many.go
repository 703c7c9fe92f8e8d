package main

import "fmt"

func main() {
	m := map[string]int{"a": 1, "a": 2}
	fmt.Println(m)
	const c = 10
	c = 5
	var arr [3]int
	arr[5] = 1
	fmt.Println(undefinedVar)
	return 1
}
