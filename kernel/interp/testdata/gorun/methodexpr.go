package main

import (
	"fmt"
	"sort"
	"strings"
)

type Counter struct{ n int }

func (c Counter) Get() int   { return c.n }
func (c *Counter) Add(d int) { c.n += d }
func (c Counter) Sum(xs ...int) int {
	s := c.n
	for _, x := range xs {
		s += x
	}
	return s
}

type Shape interface{ Area() float64 }

type Sq struct{ s float64 }

func (q Sq) Area() float64 { return q.s * q.s }

func apply(cs []Counter, f func(Counter) int) []int {
	var out []int
	for _, c := range cs {
		out = append(out, f(c))
	}
	return out
}

func main() {
	get := Counter.Get
	add := (*Counter).Add
	c := Counter{1}
	add(&c, 4)
	fmt.Println(get(c), apply([]Counter{{1}, {2}}, Counter.Get))
	fmt.Println(Counter.Sum(c, 1, 2), Shape.Area(Sq{3}))
	area := Shape.Area
	shapes := []Shape{Sq{1}, Sq{2}}
	for _, s := range shapes {
		fmt.Print(area(s), " ")
	}
	fmt.Println()
	words := []string{"b", "A", "c"}
	sort.Slice(words, func(i, j int) bool { return strings.ToLower(words[i]) < strings.ToLower(words[j]) })
	fmt.Println(words)
}
