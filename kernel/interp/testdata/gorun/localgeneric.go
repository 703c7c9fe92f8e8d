// Generic types declared in functions (Go 1.26), one per function even
// where two have one name.
package main

import "fmt"

func main() {
	type Box[T any] struct{ V T }
	type Pair[K comparable, V any] struct {
		Key K
		Val V
	}
	b := Box[int]{V: 3}
	s := Box[string]{"x"}
	p := Pair[string, []int]{"k", []int{1}}
	fmt.Println(b.V, s.V, p)
	fmt.Printf("%T %T %+v\n", b, s, p)
	var list []Box[float64]
	list = append(list, Box[float64]{1.5})
	fmt.Println(list)
	other()
	fmt.Printf("%+v\n", Holder[int]{G: 4})
}

func other() {
	type Box[T any] struct {
		W T
		N int
	}
	fmt.Printf("%+v\n", Box[int]{W: 2, N: 3})
}

type Holder[T any] struct{ G T }
