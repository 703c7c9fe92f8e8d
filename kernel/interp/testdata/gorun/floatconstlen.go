// Untyped float constants of integral value are array lengths, as in
// competitive-programming code: const maxn = 1e4 + 5.
package main

import "fmt"

const N = 1e3

const maxn = 1e2 + 5

const FL = 8.0

var arr [N + 1]int

type Grid [maxn][maxn]byte

func main() {
	arr[N] = 7
	var a [N]int
	var g Grid
	g[3][4] = 'x'
	lit := [FL]int{}
	dp := make([]int, maxn)
	fmt.Println(len(arr), arr[N], len(a), len(g), g[3][4], len(lit), len(dp))
}
