// A select's send case evaluates its whole value (calls, selectors,
// builtins inside), and goroutines running the same select at once each
// wait on their own channels (time.After in a worker pool).
package main

import (
	"context"
	"fmt"
	"time"
)

type item struct{ id int }

func worker(ctx context.Context, id int, out chan<- int) {
	select {
	case <-ctx.Done():
		out <- -id
	case <-time.After(time.Duration(id%3+1) * time.Millisecond):
		out <- id
	}
}

func main() {
	out := make(chan string, 1)
	it := item{3}
	m := map[string]int{"a": 1, "b": 2}
	select {
	case out <- fmt.Sprintf("%d:%d", it.id, len(m)):
	}
	fmt.Println(<-out)
	select {
	case out <- "x" + fmt.Sprint(len(m)):
	default:
	}
	fmt.Println(<-out)

	ctx := context.Background()
	for round := 0; round < 100; round++ {
		res := make(chan int, 8)
		for i := 1; i <= 8; i++ {
			go worker(ctx, i, res)
		}
		s := 0
		for range 8 {
			s += <-res
		}
		if s != 36 {
			fmt.Println("round", round, "sum", s)
		}
	}
	fmt.Println("workers done")
}
