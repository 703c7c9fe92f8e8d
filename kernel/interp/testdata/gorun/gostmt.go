// go statements on method values and method expressions run the method in
// a goroutine as go run does, with the arguments evaluated when the
// statement runs; a compiled type's pointer method (sync.WaitGroup.Done)
// works on the variable itself, and a compiled pointer type's method
// (go pw.Close()) runs.
package main

import (
	"fmt"
	"io"
	"sync"
)

type box struct{ n int }

func (b box) show(out chan int)     { out <- b.n }
func (b *box) showPtr(out chan int) { out <- b.n * 10 }

func main() {
	b := &box{1}
	out := make(chan int)
	go b.show(out)
	fmt.Println(<-out)
	go b.showPtr(out)
	fmt.Println(<-out)
	fs := []func(chan int){b.show}
	go fs[0](out)
	fmt.Println(<-out)
	for i := range 2 {
		go (&box{i}).showPtr(out)
		fmt.Println(<-out)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go wg.Done()
	wg.Wait()
	// A compiled type's pointer method (*io.PipeWriter.Close), as in
	// go srv.Serve(ln).
	pr, pw := io.Pipe()
	go pw.Close()
	_, err := pr.Read(make([]byte, 1))
	fmt.Println(err)
	wg2 := &sync.WaitGroup{} // a pointer to a compiled type, as srv := &http.Server{...}
	wg2.Add(1)
	go wg2.Done()
	wg2.Wait()
	fmt.Println("done")
}
