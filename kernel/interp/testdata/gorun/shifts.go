// In a shift by a non-constant count, an untyped constant takes the type
// of the other operand (s&(1<<uint(i)) with s a uint64 set; the
// interpreter computed it as an int and panicked "reflect: call of
// reflect.Value.Uint on int Value"). Also bit manipulation with math/bits.
package main

import (
	"fmt"
	"math/bits"
)

type Set uint64

func (s Set) Has(i int) bool { return s&(1<<uint(i)) != 0 }
func (s *Set) Add(i int)     { *s |= 1 << uint(i) }
func (s *Set) Remove(i int)  { *s &^= 1 << uint(i) }
func (s Set) Count() int     { return bits.OnesCount64(uint64(s)) }

func main() {
	var s Set
	s.Add(1)
	s.Add(5)
	s.Add(63)
	s.Remove(5)
	fmt.Println(s.Has(1), s.Has(5), s.Has(63), s.Count())
	fmt.Printf("%b\n", uint8(0b1010_1100))
	x := uint32(0xF0F0)
	fmt.Println(bits.LeadingZeros32(x), bits.TrailingZeros32(x), bits.Reverse8(1), bits.Len(255))
	fmt.Println(0x10^0x01, 7&3, 7|8, ^0, -8>>1, uint8(1)<<7)
	var n uint16 = 0xABCD
	fmt.Printf("%04x %04x\n", n>>8|n<<8, bits.ReverseBytes16(n))
	primes := []int{}
	sieve := make([]bool, 50)
	for i := 2; i < 50; i++ {
		if !sieve[i] {
			primes = append(primes, i)
			for j := i * i; j < 50; j += i {
				sieve[j] = true
			}
		}
	}
	fmt.Println(primes)
	gcd := func(a, b int) int {
		for b != 0 {
			a, b = b, a%b
		}
		return a
	}
	fmt.Println(gcd(84, 36), gcd(17, 5))
	pow := 1
	for i := 0; i < 10; i++ {
		pow <<= 1
	}
	fmt.Println(pow, 1<<10 == pow)
	i := 1
	var u uint64 = 6
	var b uint8 = 6
	fmt.Println(u&(1<<i), u|1<<i, 1<<i&u, b+1<<(i+6), u == 1<<(i+1))
}
