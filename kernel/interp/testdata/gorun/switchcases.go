// Expression switches: each expression of a case list evaluated in turn
// until one matches, a tag computed after the init statement, an
// interface tag compared with concrete case values.

package main

import "fmt"

var trace []string

func v(s string, x int) int   { trace = append(trace, s); return x }
func b(s string, x bool) bool { trace = append(trace, s); return x }

type Color int

const (
	Red Color = iota
	Green
	Blue
)

func classify(r rune) string {
	switch r {
	case 'a', 'e', 'i', 'o', 'u':
		return "vowel"
	case ' ', '\t', '\n':
		return "space"
	default:
		return "other"
	case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "digit"
	}
}

type T struct{ a int }

func ifaceTags() {
	var x interface{} = "hi"
	switch x {
	case 1:
		fmt.Println("one")
	case "hi":
		fmt.Println("hi")
	}
	var e error
	switch e {
	case nil:
		fmt.Println("nil err")
	}
	var y interface{} = T{2}
	switch y {
	case T{1}:
		fmt.Println("T1")
	case T{2}:
		fmt.Println("T2")
	}
	switch s := "go"; s + "!" {
	case "go!":
		fmt.Println("B", s)
	}
}

func main() {
	ifaceTags()
	for i := 0; i < 6; i++ {
		trace = nil
		switch v("tag", i) {
		case v("a", 0), v("b", 1):
			fmt.Print("low ")
		case v("c", 2), v("d", 3), v("e", 4):
			fmt.Print("mid ")
			if i == 3 {
				break
			}
			fallthrough
		case v("f", 9):
			fmt.Print("fell ")
		default:
			fmt.Print("default ")
		}
		fmt.Println(i, trace)
	}
	for i := 0; i < 5; i++ {
		trace = nil
		switch {
		case b("x", i == 0), b("y", i == 1):
			fmt.Print("first ")
		default:
			fmt.Print("dflt ")
		case b("z", i > 2), b("w", i == 2):
			fmt.Print("second ")
		}
		fmt.Println(i, trace)
	}
	for _, r := range "a1 z\to" {
		fmt.Print(classify(r), " ")
	}
	fmt.Println()
	for _, c := range []Color{Red, Green, Blue, 7} {
		switch c {
		case Red, Blue:
			fmt.Print("rb ")
		case Green:
			fmt.Print("g ")
		default:
			fmt.Print("? ")
		}
	}
	fmt.Println()
	var x interface{} = "hi"
	switch x {
	case 1, "hi":
		fmt.Println("iface match")
	}
	switch s := "go"; s + "!" {
	case "no!", "go!":
		fmt.Println("init match", s)
	}
	n := 0
loop:
	for i := 0; i < 10; i++ {
		switch i % 4 {
		case 0, 2:
			continue
		case 3:
			if i > 6 {
				break loop
			}
		}
		n += i
	}
	fmt.Println("n", n)
	t := 15
	switch {
	case t < 10, t > 20:
		fmt.Println("out")
	case t >= 10 && t <= 20, false:
		fmt.Println("in")
	}
}
