// nil as a map key of pointer or interface type.
package main

import "fmt"

type node struct{ v int }

func main() {
	m := make(map[*int]int)
	m[nil] = 1
	fmt.Println(m[nil], len(m))
	parent := map[*node]*node{}
	root := &node{1}
	parent[root] = nil
	parent[nil] = root
	p, ok := parent[nil]
	fmt.Println(p.v, ok, parent[root] == nil)
	delete(parent, nil)
	fmt.Println(len(parent))
	var e error
	errs := map[error]int{nil: 3}
	fmt.Println(errs[e], errs[nil])
}
