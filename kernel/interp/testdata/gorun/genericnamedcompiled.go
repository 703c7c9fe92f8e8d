// A named type of a compiled package (time.Duration, os.FileMode) is a
// type argument for constraints with ~ terms, cmp.Ordered among them.
package main

import (
	"cmp"
	"fmt"
	"os"
	"slices"
	"time"
)

func Max[T cmp.Ordered](a, b T) T { return max(a, b) }

func MaxOf[T cmp.Ordered](xs ...T) T {
	m := xs[0]
	for _, x := range xs[1:] {
		if x > m {
			m = x
		}
	}
	return m
}

type Number interface{ ~int64 | ~float64 }

type Acc[T Number] struct{ total T }

func (a *Acc[T]) Add(v T) { a.total += v }

func Sum[T ~int64 | ~uint32](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

func main() {
	fmt.Println(Max(time.Second, time.Minute))
	ds := []time.Duration{3 * time.Second, time.Millisecond, time.Hour}
	fmt.Println(MaxOf(ds...), Sum(ds))
	var a Acc[time.Duration]
	a.Add(time.Second)
	a.Add(500 * time.Millisecond)
	fmt.Println(a.total)
	slices.SortFunc(ds, cmp.Compare[time.Duration])
	fmt.Println(ds)
	modes := []os.FileMode{0o644, 0o755}
	fmt.Println(Sum(modes), MaxOf(modes...))
}
