// A nil interface of the program asserted to another interface: false
// with comma-ok, Go's panic without, to a program interface and to a
// compiled one, also as a struct field and through an any.
package main

import (
	"fmt"
	"io"
)

type Namer interface{ Name() string }
type Closer interface{ Close() error }

type holder struct{ n Namer }

func check(r Namer) {
	_, ok := r.(Closer)
	_, ok2 := r.(fmt.Stringer)
	_, ok3 := r.(io.Closer)
	fmt.Println(ok, ok2, ok3)
}

func main() {
	var r Namer
	check(r)
	h := holder{}
	_, ok := h.n.(Closer)
	var a any = r
	_, ok2 := a.(Closer)
	fmt.Println(ok, ok2)
	defer func() { fmt.Println("recovered:", recover()) }()
	_ = r.(Closer)
}
