// Run-time errors that reflect reports in its own words read as Go's: a
// method called on a nil interface, a field through a nil embedded
// pointer, an unhashable map key, a huge make and a slice converted to a
// longer array pointer.
package main

import "fmt"

type Inner struct{ X int }

type Outer struct {
	*Inner
	Name string
}

func try(name string, f func()) {
	defer func() { fmt.Println(name+":", recover()) }()
	f()
}

func main() {
	try("nil iface", func() {
		var e error
		_ = e.Error()
	})
	try("nil stringer", func() {
		var s fmt.Stringer
		fmt.Println(s.String())
	})
	try("nil embedded", func() {
		o := Outer{Name: "o"}
		fmt.Println(o.X)
	})
	try("unhashable", func() {
		m := map[any]int{}
		m[[]int{1}] = 1
	})
	try("huge make", func() {
		n := 1 << 62
		_ = make([]int64, n)
	})
	try("slice to array pointer", func() {
		x := []int{1, 2, 3}
		p := (*[4]int)(x)
		_ = p
	})
	var e error
	fmt.Println(e.Error())
}
