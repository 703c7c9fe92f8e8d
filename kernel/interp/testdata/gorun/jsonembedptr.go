// An embedded pointer to a struct is written in line by encoding/json, also
// where the struct has a field of type any (which makes the interpreter
// encode a shadow of it).
package main

import (
	"encoding/json"
	"fmt"
	"reflect"
)

type Meta struct {
	Version int `json:"version"`
}

type Doc struct {
	*Meta
	Payload any `json:"payload"`
}

func main() {
	b, _ := json.Marshal(Doc{Meta: &Meta{2}})
	fmt.Println(string(b))
	var d Doc
	err := json.Unmarshal([]byte(`{"version":3}`), &d)
	fmt.Println(err, d.Meta != nil)
	fmt.Println(reflect.TypeOf(d).Field(0).Anonymous)
}
