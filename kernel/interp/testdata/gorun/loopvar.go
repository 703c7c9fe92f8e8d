// Loop variables per iteration (Go 1.22): the same output from go run and
// from the interpreter (TestProgramsMatchGoRun).
package main

import (
	"fmt"
	"sort"
	"sync"
)

func closures() []int {
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, v := range []int{10, 20, 30} {
		fs = append(fs, func() int { return v })
	}
	for i := range 2 {
		fs = append(fs, func() int { return 100 + i })
	}
	var out []int
	for _, f := range fs {
		out = append(out, f())
	}
	return out
}

func goroutines() []int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var seen []int
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			seen = append(seen, i)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Ints(seen)
	return seen
}

func pointers() []int {
	var ps []*int
	for i := 0; i < 6; i++ {
		ps = append(ps, &i)
		i++
	}
	var out []int
	for _, p := range ps {
		out = append(out, *p)
	}
	return out
}

func deferred() {
	for i := 0; i < 3; i++ {
		defer func(i int) { fmt.Print("d", i, " ") }(i)
	}
	for _, s := range []string{"a", "b"} {
		defer fmt.Print(s, " ")
	}
}

func rangeIntChanged() []int {
	var out []int
	for i := range 3 {
		i += 10
		out = append(out, i)
	}
	return out
}

func main() {
	fmt.Println(closures())
	fmt.Println(goroutines())
	fmt.Println(pointers())
	deferred()
	fmt.Println()
	fmt.Println(rangeIntChanged())
}
