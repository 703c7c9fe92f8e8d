package main

// Standard library symbols added after Go 1.22 that the tables carry:
// crypto/sha3, binary.Append, atomic.AndInt32.

import (
	"crypto/sha3"
	"encoding/binary"
	"fmt"
	"sync/atomic"
)

func main() {
	fmt.Printf("%x\n", sha3.Sum256([]byte("abc")))
	h := sha3.New512()
	h.Write([]byte("abc"))
	fmt.Printf("%x\n", h.Sum(nil)[:8])
	fmt.Printf("%x\n", sha3.SumSHAKE128([]byte("x"), 8))
	b, err := binary.Append(nil, binary.BigEndian, uint32(258))
	fmt.Println(b, err)
	var flags int32 = 0b1111
	old := atomic.AndInt32(&flags, 0b0101)
	fmt.Println(old, flags)
}
