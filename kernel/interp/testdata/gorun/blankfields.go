// Blank struct fields: several in one struct, always zero (a positional
// literal's value for one is evaluated and dropped), left out of ==,
// encoding/json and encoding/xml, and printed as _ by fmt.
package main

import (
	"encoding/json"
	"fmt"
)

type Padded struct {
	A int32
	_ [4]byte
	B int64
	_ [8]byte
}

type T struct {
	a, _, c int
}

var evaluated int

func side() int { evaluated++; return 9 }

func main() {
	p := Padded{A: 1, B: 2}
	fmt.Printf("%+v %v\n", p, p)
	t := T{1, 2, 3}
	t2 := T{1, side(), 3}
	fmt.Println(t == t2, t, t2, evaluated)
	b, err := json.Marshal(p)
	fmt.Println(string(b), err)
	var q Padded
	err = json.Unmarshal([]byte(`{"A":5,"_":7,"B":6}`), &q)
	fmt.Println(q, err)
}
