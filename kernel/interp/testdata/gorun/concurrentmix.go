// Sixteen goroutines run the same functions at once: type switches,
// recover in deferred closures, errors.As, generic calls, fmt of program
// types, a map under a mutex.
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
)

type Shape interface{ Area() float64 }
type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64   { return r.W * r.H }
func (c Circle) Area() float64 { return 3 * c.R * c.R }
func (r Rect) String() string  { return fmt.Sprintf("R(%gx%g)", r.W, r.H) }

type MyErr struct{ code int }

func (e *MyErr) Error() string { return fmt.Sprint("code ", e.code) }

func Map[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

func risky(i int) (res string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered %v: %w", r, &MyErr{i})
		}
	}()
	if i%4 == 0 {
		panic(fmt.Sprint("p", i))
	}
	var s Shape = Rect{float64(i), 2}
	if i%2 == 0 {
		s = Circle{float64(i)}
	}
	switch v := s.(type) {
	case Rect:
		return fmt.Sprintf("%v=%g", v, v.Area()), nil
	case Circle:
		return fmt.Sprintf("C%g=%g", v.R, v.Area()), nil
	}
	return "", nil
}

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	results := map[int]string{}
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g * 50; i < g*50+50; i++ {
				s, err := risky(i)
				var me *MyErr
				if errors.As(err, &me) {
					s = "err" + fmt.Sprint(me.code)
				}
				words := Map(strings.Fields(s+" a b"), func(w string) int { return len(w) })
				mu.Lock()
				results[i] = fmt.Sprint(s, words)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	keys := make([]int, 0, len(results))
	for k := range results {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	h := 0
	for _, k := range keys {
		for _, c := range results[k] {
			h = h*31 + int(c)
			h %= 1000000007
		}
	}
	fmt.Println(len(results), h, results[5], results[8], results[10])
}
