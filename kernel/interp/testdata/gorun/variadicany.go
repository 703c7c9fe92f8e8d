// A []any passed to ...any without the ellipsis is one argument, and
// appended without it, one element; with it, its elements.
package main

import (
	"fmt"
	"strings"
)

type Args []any

func count(xs ...any) int { return len(xs) }
func sum(xs ...int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
func join(sep string, parts ...string) string { return strings.Join(parts, sep) }
func logf(format string, args ...any) string  { return fmt.Sprintf(format, args...) }
func nest(xs ...any) string                   { return fmt.Sprint(len(xs), xs) }

type L struct{ prefix string }

func (l L) Printf(format string, args ...any) string { return l.prefix + fmt.Sprintf(format, args...) }

func main() {
	s := []any{1, 2}
	fmt.Println(count(s), count(s...), count([]any{}), count(), count(nil))
	fmt.Println(logf("%v", s), logf("%v %v", s...))
	var a Args = Args{3, 4}
	fmt.Println(count(a), count(a...), nest(a), nest(a...))
	is := []int{1, 2, 3}
	fmt.Println(sum(is...), sum(), sum(1, 2))
	fmt.Println(join("-", "a", "b"), join("+", []string{"x", "y"}...))
	l := L{"> "}
	fmt.Println(l.Printf("%d-%d", 1, 2), l.Printf("%v", s), l.Printf("%v/%v", s...))
	f := count
	fmt.Println(f(s), f(s...))
	var e []any
	fmt.Println(count(e), count(e...), nest(s, s), nest([]any{s}...))
	x := append([]any{}, s)
	y := append([]any{}, s...)
	fmt.Println(len(x), len(y), G[any](s), G(s...), G(s))
	var nested [][]any
	nested = append(nested, s)
	fmt.Println(len(nested), len(nested[0]))
}

func G[T any](xs ...T) int { return len(xs) }
