package main

// A deferred call that recovers and panics again with the same value is
// reported as Go reports it: panic: first [recovered, repanicked].

import (
	"errors"
	"fmt"
)

func main() {
	defer func() {
		r := recover()
		fmt.Println("cleanup after", r)
		panic(r)
	}()
	panic(errors.New("first"))
}
