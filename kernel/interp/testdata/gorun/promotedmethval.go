// A method value of a method promoted from an embedded compiled field
// binds the field's value where it is evaluated, deferred calls included.
package main

import (
	"fmt"
	"strings"
	"time"
)

type Clock struct {
	time.Time
}

type B struct{ *strings.Builder }

func main() {
	c := Clock{time.Date(2023, 6, 15, 0, 0, 0, 0, time.UTC)}
	year := c.Year // method value: receiver c.Time is copied now
	c.Time = time.Time{}
	fmt.Println(year())
	b1 := &strings.Builder{}
	b := B{b1}
	func() {
		defer b.WriteString("deferred")
		b.Builder = &strings.Builder{}
	}()
	fmt.Printf("%q %q\n", b1.String(), b.String())
}
