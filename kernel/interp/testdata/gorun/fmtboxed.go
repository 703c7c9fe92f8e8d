// A value of a cell's type with methods inside an []any or a map of any
// prints as in Go, with its String or Error method (fmt printed the
// interpreter's box: {0xc000... {0xc000... 409}}), and encoding/json
// encodes it (it wrote {}); a value whose String or Error method has a
// pointer receiver prints its fields, as in Go (the method was called).
package main

import (
	"encoding/json"
	"fmt"
)

type V struct {
	X int `json:"x"`
	Y int `json:"y"`
}

func (v V) String() string { return fmt.Sprintf("<%d,%d>", v.X, v.Y) }

type oops struct{ code int }

func (o oops) Error() string { return fmt.Sprint("oops ", o.code) }

type P struct{ N int }

func (p *P) String() string { return fmt.Sprint("P", p.N) }

type Plain struct{ A int }

func main() {
	xs := []interface{}{1, V{0, 0}, oops{2}, Plain{3}, "s"}
	fmt.Println(xs)
	fmt.Println(xs...)
	fmt.Printf("%v|%+v|%s\n", xs, xs[1], xs[2])
	m := map[string]any{"v": V{1, 1}, "e": oops{4}}
	fmt.Println(m)
	var a any = V{5, 5}
	b := []any{}
	b = append(b, V{6, 6}, a)
	fmt.Println(b)
	out, err := json.Marshal([]any{V{1, 2}, Plain{3}})
	fmt.Println(string(out), err)
	out, err = json.Marshal(map[string]any{"v": V{4, 5}})
	fmt.Println(string(out), err)
	p := P{1}
	fmt.Println(p, &p)
	fmt.Printf("%v %+v %s\n", p, p, &p)
}
