// An untyped constant shifted by a variable count takes its type from the
// context, as in Go: append to a []uint64, a uint64 parameter, a map or
// struct literal, a comparison with a uint64.

package main

import "fmt"

type Flags uint8

func takes(x uint64) uint64 { return x }

func main() {
	var masks []uint64
	k := uint(3)
	masks = append(masks, (1<<k)-1)
	masks = append(masks, 1<<k)
	fmt.Println(masks, takes(1<<k), takes(1<<k+4))
	var u uint64 = 1 << 40
	u |= 1 << k
	m := map[string]uint32{"a": 1 << k}
	type S struct{ V uint16 }
	s := S{V: 1 << k}
	var f Flags = 1 << k
	const one = 1
	var w uint64 = one << k
	fmt.Println(u, m, s, f, w, 1<<k, 1<<3)
	x := 1 << k
	fmt.Printf("%T %v\n", x, x)
}

func init() {
	var u uint64 = 12
	n := 3
	fmt.Println(u == 1<<n+4)
}
