// encoding/gob sends the exported fields of a program's structs only:
// an unexported field does not survive a round trip, at any depth.
package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
)

type Inner struct {
	Label string
	hash  int
}

type T struct {
	Name   string
	secret int
	In     Inner
	Ptr    *Inner
	List   []Inner
	ByKey  map[string]Inner
}

func main() {
	var buf bytes.Buffer
	in := T{"a", 42, Inner{"x", 7}, &Inner{"p", 8}, []Inner{{"l", 9}}, map[string]Inner{"k": {"m", 10}}}
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		fmt.Println("encode:", err)
	}
	var out T
	err := gob.NewDecoder(&buf).Decode(&out)
	fmt.Println(err, out.Name, out.secret, out.In, *out.Ptr, out.List, out.ByKey)
	buf.Reset()
	gob.NewEncoder(&buf).Encode(&in)
	var out2 T
	gob.NewDecoder(&buf).Decode(&out2)
	fmt.Println(out2.Name, out2.secret, out2.In.hash)
}
