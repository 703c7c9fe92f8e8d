package main

// slices.Sort of every ordered kind, named types and NaNs included.

import (
	"fmt"
	"math"
	"slices"
)

type Celsius float64
type IDs []uint16

func main() {
	f := []float64{3, math.NaN(), -1, 0, math.Inf(-1), 2.5}
	slices.Sort(f)
	fmt.Println(f)
	c := []Celsius{30, -5, 12}
	slices.Sort(c)
	fmt.Println(c)
	ids := IDs{9, 1, 5}
	slices.Sort(ids)
	fmt.Printf("%T %v\n", ids, ids)
	s := []string{"pear", "apple", "fig", ""}
	slices.Sort(s)
	fmt.Printf("%q\n", s)
	var empty []int
	slices.Sort(empty)
	fmt.Println(empty == nil, slices.IsSorted(c))
}
