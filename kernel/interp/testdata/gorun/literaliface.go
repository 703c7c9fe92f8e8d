// Slice, map and array literals of program types with methods, assigned
// to a program interface, an interface slice element, sort.Interface.

package main

import (
	"fmt"
	"sort"
)

type Ints []int

func (a Ints) Len() int { return len(a) }

type Set map[string]bool

func (s Set) Len() int { return len(s) }

type Grid [2][2]int

func (g Grid) Len() int { return 4 }

type L interface{ Len() int }

type byLen []string

func (b byLen) Len() int           { return len(b) }
func (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }
func (b byLen) Swap(i, j int)      { b[i], b[j] = b[j], b[i] }

func main() {
	var l L = Ints{3, 1, 2}
	fmt.Println(l.Len())
	l = Set{"a": true}
	fmt.Println(l.Len())
	l = Grid{}
	fmt.Println(l.Len())
	ls := []L{Ints{1}, Set{}, Grid{}}
	for _, x := range ls {
		fmt.Print(x.Len(), " ")
	}
	fmt.Println()
	var a any = Ints{1, 2}
	_, ok := a.(L)
	fmt.Printf("%v %T %v\n", ok, a, a)
	words := byLen{"ccc", "a", "bb"}
	sort.Sort(words)
	fmt.Println(words)
	var si sort.Interface = byLen{"zz", "y"}
	sort.Sort(si)
	fmt.Println(si)
}
