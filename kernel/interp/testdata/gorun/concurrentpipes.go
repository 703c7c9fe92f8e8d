// Pipelines: generators that select on a context, a merge that drops
// closed channels (v, ok := <-a), a mutex-guarded counter, atomics.
package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

type Counter struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *Counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k]++
}

func gen(ctx context.Context, start, n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := start; i < start+n; i++ {
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch
}

func merge(a, b <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for a != nil || b != nil {
			select {
			case v, ok := <-a:
				if !ok {
					a = nil
					continue
				}
				out <- v
			case v, ok := <-b:
				if !ok {
					b = nil
					continue
				}
				out <- v * 10
			}
		}
	}()
	return out
}

func main() {
	var total atomic.Int64
	c := &Counter{m: map[string]int{}}
	for round := 0; round < 40; round++ {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		sum := 0
		for v := range merge(gen(ctx, 0, 20), gen(ctx, 100, 20)) {
			sum += v
		}
		cancel()
		total.Add(int64(sum))
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				c.Inc(fmt.Sprint("w", w%2))
			}(w)
		}
		wg.Wait()
	}
	var once sync.Once
	for i := 0; i < 3; i++ {
		once.Do(func() { total.Add(1) })
	}
	fmt.Println(total.Load(), c.m["w0"], c.m["w1"])
}
