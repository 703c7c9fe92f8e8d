// fmt.Print, Sprint, Fprint and log's Print put no space beside an operand
// of a named string type, as beside a string.
package main

import (
	"fmt"
	"log"
	"os"
)

type Color string

func (c Color) String() string { return string(c) + "!" }

type Plain string
type Num int

func (n Num) String() string { return fmt.Sprintf("#%d", int(n)) }

func main() {
	red, blue := Color("red"), Color("blue")
	fmt.Print(red, blue, "\n")
	fmt.Print(1, red, 2, 3, "|\n")
	fmt.Println(fmt.Sprint(Plain("a"), Plain("b"), 1, 2, Num(3), Num(4), "x", Num(5)))
	fmt.Fprint(os.Stdout, red, 7, blue, "\n")
	var x any = red
	fmt.Print(x, x, 1, "\n")
	s := fmt.Sprint(red)
	fmt.Println(s, len(s))
	l := log.New(os.Stdout, "", 0)
	l.Print(red, blue, 1, 2)
	fmt.Print(Num(1), Num(2), "\n")
}
