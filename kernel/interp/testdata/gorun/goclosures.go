package main

// Goroutines started from func literals in a loop, while earlier ones are
// still finishing: each must run its own iteration's literal with its own
// variables (a returning literal once wrote an older literal back into the
// loop's frame, so a later go statement could start that one instead).

import (
	"fmt"
	"sync"
)

func count(seq func(func(int) bool)) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := map[int]int{}
	sum := 0
	for v := range seq {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			seen[v]++
			sum += v
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(len(seen), sum)
}

func upTo(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for round := 0; round < 4; round++ {
		for i := 0; i < 2000; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mu.Lock()
				total += i
				mu.Unlock()
			}()
		}
	}
	wg.Wait()
	fmt.Println(total)

	ch := make(chan int, 3000)
	for _, s := range []string{"a", "bb", "ccc"} {
		for i := range 1000 {
			f := func() { ch <- i * len(s) }
			go f()
		}
	}
	got := 0
	for range 3000 {
		got += <-ch
	}
	fmt.Println(got)

	count(upTo(3000))
}
