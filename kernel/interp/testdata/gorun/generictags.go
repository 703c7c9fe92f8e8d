// Generic structs whose fields carry tags, made inside generic functions
// and through encoding/json.
package main

import (
	"encoding/json"
	"fmt"
)

type Page[T any] struct {
	Items []T  `json:"items"`
	Next  *T   `json:"next,omitempty"`
	Meta  Meta `json:"meta"`
}

type Meta struct {
	Count int `json:"count"`
}

type Pair[K comparable, V any] struct {
	Key   K `json:"k"`
	Value V `json:"v"`
}

func roundTrip[T any](items ...T) {
	p := Page[T]{Items: items, Meta: Meta{Count: len(items)}}
	b, err := json.Marshal(p)
	fmt.Println(string(b), err)
	var back Page[T]
	err = json.Unmarshal(b, &back)
	fmt.Printf("%+v %v\n", back, err)
}

func main() {
	roundTrip(1, 2, 3)
	roundTrip("a")
	roundTrip(Pair[string, int]{"x", 1})
	b, _ := json.Marshal(Pair[int, []string]{7, []string{"q"}})
	fmt.Println(string(b))
}
