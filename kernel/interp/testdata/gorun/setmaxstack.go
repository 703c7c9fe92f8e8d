// debug.SetMaxStack returns the limit before; a small one set by the
// program does not stop a goroutine that needs more than the program does.
package main

import (
	"fmt"
	"runtime/debug"
)

type Foo struct {
	A [1 << 20]byte
	B string
}

func run(c chan bool) {
	f := new(Foo)
	*f = Foo{B: "hello"}
	c <- true
}

func main() {
	prev := debug.SetMaxStack(1 << 16)
	c := make(chan bool)
	go run(c)
	<-c
	fmt.Println(prev, debug.SetMaxStack(prev))
}
