// A nil pointer dereference two calls deep: the same message and line.
package main

import "fmt"

type node struct {
	next *node
	v    int
}

func second(n *node) int { return n.next.v }

func sum(n *node) int {
	return n.v + second(n)
}

func main() {
	fmt.Println(sum(&node{v: 1, next: &node{v: 2}}))
	fmt.Println(sum(&node{v: 1}))
}
