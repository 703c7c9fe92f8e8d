package main

// Assigning a struct literal to a variable (v = T{...}) writes the
// variable: a pointer to it, a pointer to one of its fields and a closure
// that uses it all see the new value; a literal defined in a loop body
// (q := T{...}) is a new variable each time.

import "fmt"

type T struct{ name string }

type Pt struct{ X, Y int }

func pointers() {
	v := T{"value"}
	p := &v
	v = T{"changed"}
	fmt.Println(p.name)
	a := [2]int{1, 2}
	q := &a
	a = [2]int{3, 4}
	fmt.Println(q[0])
	s := []int{1}
	ps := &s
	s = []int{9}
	fmt.Println((*ps)[0])
	m := map[string]int{"a": 1}
	pm := &m
	m = map[string]int{"b": 2}
	fmt.Println(len(*pm), (*pm)["b"])
	x := 1
	px := &x
	x = 5
	fmt.Println(*px)
	w := T{"w"}
	pw := &w
	w = *(&T{"w2"})
	fmt.Println(pw.name)
}

func closures() {
	v := T{"a"}
	f := func() { fmt.Println("closure:", v.name) }
	v = T{"b"}
	f()
	var p Pt
	pp := &p
	for i := range 3 {
		p = Pt{i, i * i}
	}
	fmt.Println(*pp)
	pts := []Pt{}
	for i := range 3 {
		q := Pt{i, 0}
		pts = append(pts, q)
		q = Pt{9, 9}
	}
	fmt.Println(pts)
	var arr [2]Pt
	ap := &arr[0]
	arr[0] = Pt{7, 7}
	fmt.Println(*ap)
	type W struct{ in Pt }
	w := W{}
	wp := &w.in
	w = W{Pt{5, 5}}
	fmt.Println(*wp)
}

func main() {
	pointers()
	closures()
	var ps []*Pt
	for i := range 3 {
		p := Pt{i, i}
		ps = append(ps, &p)
		q := &Pt{i, -i}
		ps = append(ps, q)
	}
	for _, p := range ps {
		fmt.Print(*p, " ")
	}
	fmt.Println()
}
