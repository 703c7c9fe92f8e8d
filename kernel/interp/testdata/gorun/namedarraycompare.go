// A named array type compared with the unnamed array type it is defined
// as.
package main

import "fmt"

type ID [2]int
type Grid [3][3]byte

func main() {
	a := ID{1, 2}
	b := [2]int{1, 2}
	fmt.Println(a == b, b == a, a != [2]int{2, 1})
	var g Grid
	g[1][1] = 'x'
	fmt.Println(g == [3][3]byte{{}, {0, 'x', 0}, {}})
	seen := map[ID]bool{a: true}
	fmt.Println(seen[b], seen[[2]int{0, 0}])
}
