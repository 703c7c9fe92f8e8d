// Untyped integer constants beyond int64 given a type that holds them:
// uint64 (1 << 63), float64 (Effective Go's ByteSize up to YB), complex.
package main

import "fmt"

type ByteSize float64

const (
	_           = iota
	KB ByteSize = 1 << (10 * iota)
	MB
	GB
	TB
	PB
	EB
	ZB
	YB
)

func (b ByteSize) String() string {
	switch {
	case b >= YB:
		return fmt.Sprintf("%.2fYB", b/YB)
	case b >= ZB:
		return fmt.Sprintf("%.2fZB", b/ZB)
	case b >= GB:
		return fmt.Sprintf("%.2fGB", b/GB)
	case b >= KB:
		return fmt.Sprintf("%.2fKB", b/KB)
	}
	return fmt.Sprintf("%.2fB", b)
}

const big float64 = 1 << 70

const k = 63

func main() {
	var top uint64 = 1 << 63
	var x uint64
	x = 1 << 63
	var y uint64 = 1 << k
	z := uint64(1<<64 - 1)
	var c complex128 = 1 << 65
	fmt.Println(top, x, y, z, c)
	fmt.Println(KB, GB, YB, ByteSize(1e13), big)
	masks := []uint64{1 << 63, 1<<63 | 1}
	fmt.Println(masks, top>>62)
}
