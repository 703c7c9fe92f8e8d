// A panic report shows the chain of its own goroutine only: another
// goroutine's panic, linked by a deferred call that panicked and still in
// flight, is not part of main's.
package main

import "time"

func main() {
	block := make(chan int)
	go func() {
		defer func() { <-block; recover() }()
		func() {
			defer func() { panic("B2") }()
			panic("B1")
		}()
	}()
	time.Sleep(300 * time.Millisecond)
	panic("main")
}
