// var a, b any = f(): the variables have the written type.
package main

import (
	"fmt"
	"strconv"
)

type P struct{ X int }

func g(x []int) ([]int, []int) { return x, x }
func h() (P, *P)               { return P{1}, &P{2} }

func main() {
	var a, b interface{} = g([]int{1})
	fmt.Println(a.([]int)[0], b)
	var n, err any = strconv.Atoi("5")
	fmt.Printf("%T %v %v\n", n, n, err == nil)
	var p, q any = h()
	fmt.Printf("%T %T %v\n", p, q, p.(P).X+q.(*P).X)
	a = "changed"
	fmt.Println(a)
}
