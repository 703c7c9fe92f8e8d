// A write to a nil map in a method: the same message and line.
package main

import "fmt"

type counter struct{ seen map[string]int }

func (c *counter) add(k string) {
	c.seen[k]++
}

func main() {
	var c counter
	fmt.Println("counting")
	c.add("a")
}
