// A deferred call that panics replaces the panic in flight, and the
// deferred calls after it still run (a later recover sees the new panic).
package main

import (
	"errors"
	"fmt"
)

func cleanup(name string, log *[]string) {
	*log = append(*log, "cleanup "+name)
}

func work(fail bool) (log []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	defer cleanup("b", &log)
	defer func() {
		if fail {
			panic(errors.New("closing failed"))
		}
	}()
	defer cleanup("a", &log)
	log = append(log, "body")
	if fail {
		panic("body failed")
	}
	return log, nil
}

func chain() {
	defer func() { fmt.Println("outer recover:", recover()) }()
	defer func() { panic("second") }()
	panic("first")
}

func main() {
	fmt.Println(work(false))
	fmt.Println(work(true))
	chain()
	fmt.Println("done")
}
