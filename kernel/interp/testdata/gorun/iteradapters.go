package main

import (
	"fmt"
	"iter"
	"slices"
	"sync"
)

func Map[T, U any](s iter.Seq[T], f func(T) U) iter.Seq[U] {
	return func(yield func(U) bool) {
		for v := range s {
			if !yield(f(v)) {
				return
			}
		}
	}
}

func Take[T any](s iter.Seq[T], n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		if n <= 0 {
			return
		}
		i := 0
		for v := range s {
			if !yield(v) {
				return
			}
			i++
			if i == n {
				return
			}
		}
	}
}

func Naturals() iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; ; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func Sum[T int | float64](s iter.Seq[T]) (t T) {
	for v := range s {
		t += v
	}
	return
}

type Set[T comparable] struct{ m map[T]struct{} }

func (s *Set[T]) Add(v T) { s.m[v] = struct{}{} }
func (s *Set[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		for k := range s.m {
			if !yield(k) {
				return
			}
		}
	}
}

func main() {
	sq := Map(Take(Naturals(), 5), func(i int) int { return i * i })
	fmt.Println(slices.Collect(sq))
	fmt.Println(Sum(Take(Naturals(), 101)))
	s := &Set[string]{m: map[string]struct{}{}}
	s.Add("b")
	s.Add("a")
	fmt.Println(slices.Sorted(s.All()))
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for v := range Take(Naturals(), 10) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			total += v
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(total)
	ch := make(chan int, 1)
	for v := range Naturals() {
		select {
		case ch <- v:
			continue
		default:
		}
		if v > 3 {
			break
		}
	}
	fmt.Println(<-ch)
	strs := Map(slices.Values([]int{1, 2}), func(i int) string { return fmt.Sprint("#", i) })
	for s := range strs {
		fmt.Print(s, " ")
	}
	fmt.Println()
}
