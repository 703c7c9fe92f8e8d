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
	fmt.Println(runtime.NumGoroutine())
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-stop
		}()
	}
	time.Sleep(20 * time.Millisecond)
	fmt.Println(runtime.NumGoroutine())
	close(stop)
	wg.Wait()
	time.Sleep(20 * time.Millisecond)
	fmt.Println(runtime.NumGoroutine())
}
