// runtime.NumGoroutine counts the program's goroutines: 1 at the start, as
// under go run, whatever the kernel runs beside.
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	n0 := runtime.NumGoroutine()
	fmt.Println(n0)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-stop
		}()
	}
	mid := runtime.NumGoroutine()
	fmt.Println(mid >= n0+4 && mid <= n0+5)
	close(stop)
	wg.Wait()
	// The goroutines end just after Done: wait for them (a loaded
	// machine may take a while).
	for i := 0; i < 500 && runtime.NumGoroutine() > n0; i++ {
		time.Sleep(2 * time.Millisecond)
	}
	fmt.Println(runtime.NumGoroutine() <= n0)
}
