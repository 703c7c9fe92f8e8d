// Unlocking an unlocked sync.Mutex is Go's fatal error, which neither
// recover nor deferred calls see; correct uses, deferred ones included,
// run as before.
package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	sync.Mutex
	n int
}

type Store struct {
	mu   sync.RWMutex
	data map[string]int
}

func (s *Store) Get(k string) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.data[k]
}

func (s *Store) Set(k string, v int) {
	defer s.mu.Unlock()
	s.mu.Lock()
	s.data[k] = v
}

func main() {
	c := &Counter{}
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.Lock()
			c.n++
			c.Unlock()
		}()
	}
	wg.Wait()
	s := &Store{data: map[string]int{}}
	s.Set("a", c.n)
	fmt.Println(c.n, s.Get("a"))

	defer fmt.Println("deferred: not printed")
	defer func() { fmt.Println("recovered?", recover()) }()
	var mu sync.Mutex
	mu.Lock()
	mu.Unlock()
	fmt.Println("once")
	c.Unlock()
	fmt.Println("not reached")
}
