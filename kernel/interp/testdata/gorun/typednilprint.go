// A nil pointer in an error or a fmt.Stringer whose method dereferences
// it prints as <nil>, as fmt prints it.
package main

import "fmt"

type bare struct{ n int }

func (b *bare) Error() string { return fmt.Sprint("bare ", b.n) }

type named struct{ s string }

func (n *named) String() string { return n.s }

func main() {
	var bp *bare
	var be error = bp
	fmt.Println(be == nil, be)
	fmt.Printf("[%v] [%s] [%8v]\n", be, be, be)
	var np *named
	var st fmt.Stringer = np
	fmt.Println(st == nil, st)
}
