package main

// A nil interface inside a value prints as <nil> with any verb; as an
// argument itself, a verb other than %v is a bad verb.

import (
	"errors"
	"fmt"
)

type Result struct {
	Name string
	Err  error
}

func main() {
	fmt.Printf("%s\n", Result{"ok", nil})
	fmt.Printf("%s\n", Result{"bad", errors.New("boom")})
	fmt.Printf("%d\n", []any{1, nil, 3})
	fmt.Printf("%x %q\n", []any{nil, "a"}, map[string]any{"k": nil})
	fmt.Printf("%+v %#v\n", Result{}, []error{nil})
	fmt.Printf("%d|%s|%v\n", nil, nil, nil)
}
