package main

// A func literal made in a loop and handed to compiled code that keeps it
// (wg.Go, sync.OnceFunc, a slice of funcs run by compiled code later)
// closes over that iteration's variables.

import (
	"fmt"
	"sort"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	res := make([]int, 3)
	for i := 0; i < 3; i++ {
		wg.Go(func() { res[i] = i + 1 })
	}
	wg.Wait()
	fmt.Println(res)

	var fs []func()
	for i := range 3 {
		j := i * 10
		fs = append(fs, sync.OnceFunc(func() { fmt.Print(j, " ") }))
	}
	for _, f := range fs {
		f()
		f()
	}
	fmt.Println()

	var mu sync.Mutex
	total := 0
	for _, n := range []int{1, 2, 3} {
		wg.Go(func() {
			mu.Lock()
			total += n
			mu.Unlock()
		})
	}
	wg.Wait()
	fmt.Println(total)

	words := []string{"pear", "fig", "apple"}
	for _, key := range []string{"len", "alpha"} {
		sort.Slice(words, func(a, b int) bool {
			if key == "len" {
				return len(words[a]) < len(words[b])
			}
			return words[a] < words[b]
		})
		fmt.Println(key, words)
	}
}
