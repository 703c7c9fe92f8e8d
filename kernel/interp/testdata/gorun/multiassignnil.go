// nil in a tuple assignment (prev, cur = nil, head) for slices, maps,
// pointers, funcs, channels and interfaces.
package main

import "fmt"

type Node struct {
	v    int
	next *Node
}

func reverse(head *Node) *Node {
	var prev *Node
	cur := head
	for cur != nil {
		cur.next, prev, cur = prev, cur, cur.next
	}
	return prev
}

func main() {
	cur := []string{"a"}
	n := 1
	cur, n = nil, 0
	fmt.Println(cur == nil, n)
	var m map[string]int
	var f func()
	var p *int
	x := 3
	m, f, p = nil, nil, &x
	fmt.Println(m == nil, f == nil, *p)
	p, x = nil, 4
	fmt.Println(p == nil, x)
	var err error
	var a any = 1
	err, a = nil, nil
	fmt.Println(err, a)
	l := &Node{1, &Node{2, &Node{3, nil}}}
	for r := reverse(l); r != nil; r = r.next {
		fmt.Print(r.v)
	}
	fmt.Println()
	var ch chan int
	var s []int
	ch, s = nil, []int{1}
	fmt.Println(ch == nil, s)
}
