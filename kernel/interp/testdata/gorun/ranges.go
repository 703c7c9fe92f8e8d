package main

// Range over a string gives each rune's byte position, an invalid byte
// being one U+FFFD of width 1; range over a pointer to an array leaves the
// pointer alone.

import "fmt"

type Name string

type Mat3 [3][3]float64

func (a *Mat3) Scale(k float64) {
	for i := range a {
		for j := range a[i] {
			a[i][j] *= k
		}
	}
}

func strings() {
	for i := range "héllo" {
		fmt.Print(i, " ")
	}
	fmt.Println()
	for i, r := range "a\xffb€\xe2\x82" {
		fmt.Print(i, ":", r, " ")
	}
	fmt.Println()
	for _, r := range Name("ok") {
		fmt.Print(string(r))
	}
	n := 0
	for range "日本語" {
		n++
	}
	fmt.Println(n)
}

func arrays() {
	arr := [3]int{1, 2, 3}
	p := &arr
	for i := range p {
		_ = i
	}
	sum := 0
	for _, v := range p {
		sum += v
	}
	for range p {
		sum++
	}
	fmt.Println(p[0], len(p), sum)
	m := Mat3{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
	m.Scale(2)
	fmt.Println(m)
}

func main() {
	strings()
	arrays()
}
