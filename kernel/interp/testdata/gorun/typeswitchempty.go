// Type switches that bind a variable, with clauses that have no
// statements, default included.

package main

import "fmt"

func a(x any) string {
	switch v := x.(type) {
	case int:
		fmt.Println("int", v)
	default:
	}
	return "end"
}

func b(x any) (out string) {
	switch v := x.(type) {
	case nil:
	case string:
		out = "string " + v
	case int, float64:
	default:
		out = fmt.Sprintf("other %T", v)
	}
	return out + "."
}

func main() {
	fmt.Println(a("x"), a(1))
	for _, x := range []any{nil, "s", 1, 2.5, true} {
		fmt.Println(b(x))
	}
}
