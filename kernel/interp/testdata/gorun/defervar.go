// A func value made in a function and deferred by name runs and returns
// (cleanup := func() {...}; defer cleanup() deadlocked: the closure locked
// the frame the deferred calls ran under), and recover() called by it
// stops the panic as in Go.
package main

import "fmt"

func work() (log []string) {
	cleanup := func() { log = append(log, "cleanup") }
	defer cleanup()
	log = append(log, "working")
	return log
}

func recovers() (msg string) {
	handler := func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint("recovered: ", r)
		}
	}
	defer handler()
	panic("boom")
}

func nested() (out []int) {
	add := func(v int) { out = append(out, v) }
	for i := 0; i < 3; i++ {
		defer add(i)
	}
	defer func() { add(10) }()
	return nil
}

func main() {
	fmt.Println(work())
	fmt.Println(recovers())
	fmt.Println(nested())
}
