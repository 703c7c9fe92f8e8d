// fmt prints a slice or array of a named byte type as bytes with %s, %q,
// %x and %X, whether or not the element type has a String method.
package main

import "fmt"

type Cell byte

func (c Cell) String() string { return "<" + string(c) + ">" }

type Plain byte

func main() {
	row := []Cell("ab")
	fmt.Printf("%s|%x|%q|%v\n", row, row, row, row)
	fmt.Printf("%s|%x\n", [2]Cell{'c', 'd'}, []Plain("ef"))
	fmt.Println(string(row[0]), fmt.Sprint(row))
}
