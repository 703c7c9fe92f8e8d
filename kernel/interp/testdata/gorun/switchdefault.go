// A default clause that is not the last: the clauses after it are still
// tested in source order, and fallthrough goes to the next clause in the
// source, into or out of default.

package main

import "fmt"

func f(x int) {
	switch x {
	case 1:
		fmt.Print("one ")
		fallthrough
	default:
		fmt.Print("default ")
		fallthrough
	case 3:
		fmt.Print("three ")
	case 4:
		fmt.Print("four ")
		fallthrough
	case 5:
	}
	fmt.Println()
}

func g(x int) string {
	switch {
	default:
		return "none"
	case x > 0:
		return "positive"
	case x > 5:
		return "big"
	}
}

func h(x int) (out string) {
	switch {
	case x < 0:
		out += "neg "
		fallthrough
	default:
		out += "dflt "
	case x > 100:
		out += "huge "
		fallthrough
	case x > 10:
		out += "large"
	}
	return
}

func main() {
	for _, x := range []int{1, 2, 3, 4, 5} {
		f(x)
	}
	fmt.Println(g(-1), g(3), g(10))
	fmt.Println(h(-5), "|", h(5), "|", h(50), "|", h(500))
}
