// Return statements: builtins and operations in any position, results of
// type any, and named results read by later values of the same return.
package main

import (
	"errors"
	"fmt"
)

func split(s string) (string, int) { return "head", len(s) }

func count(xs []int) (int, int) { return -1, len(xs) }

func sizes(d []int) (int, int) { return len(d), cap(d) }

func grow(xs []int) (int, []int) { return len(xs), append(xs, 4) }

func isBig(n int) any { return n > 100 }

func shifted(n int) any { return n << 1 }

func rem(n int) any { return n % 7 }

func both(n int) (any, error) {
	if n < 0 {
		return n < -10, errors.New("negative")
	}
	return n * 2, nil
}

func swap() (x, y int) {
	x, y = 1, 2
	return y + 0, x + 0
}

func named(s []int) (n, m int) {
	n, m = 10, 20
	return len(s), n
}

func pair(a, b string) (string, string) { return b + "", a + "" }

func main() {
	fmt.Println(count([]int{1, 2, 3}))
	fmt.Println(split("hello"))
	fmt.Println(sizes(make([]int, 2, 10)))
	fmt.Println(grow([]int{1, 2, 3}))
	fmt.Println(isBig(500), isBig(5), shifted(21), rem(23))
	fmt.Println(both(4))
	fmt.Println(both(-20))
	fmt.Println(swap())
	fmt.Println(named([]int{1, 2, 3}))
	fmt.Println(pair("a", "b"))
}
