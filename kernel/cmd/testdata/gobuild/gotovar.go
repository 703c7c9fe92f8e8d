package main

import "fmt"

func main() {
	goto end
	var v, u = 3, 5
end:
	fmt.Println(v, u)
	goto end2
	var (
		a int
	)
end2:
	fmt.Println(a)
}
