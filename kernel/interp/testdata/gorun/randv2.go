package main

// math/rand/v2 imported by its path (its package name is rand).

import (
	"fmt"
	"math/rand/v2"
)

func main() {
	r := rand.New(rand.NewPCG(1, 2))
	fmt.Println(r.IntN(100), rand.IntN(1) == 0)
}
