package main

// A type error in json.Unmarshal leaves the other fields decoded, also
// when the struct has a field whose type has its own UnmarshalJSON.

import (
	"encoding/json"
	"fmt"
	"strings"
)

type Status int

func (s *Status) UnmarshalJSON(b []byte) error {
	switch strings.Trim(string(b), `"`) {
	case "active":
		*s = 1
	case "closed":
		*s = 2
	}
	return nil
}

type Invoice struct {
	ID     string   `json:"id"`
	Status Status   `json:"status"`
	Qty    int      `json:"qty"`
	Tags   []string `json:"tags"`
}

func main() {
	var v Invoice
	err := json.Unmarshal([]byte(`{"id":"X","status":"active","qty":"2","tags":["a"]}`), &v)
	fmt.Println(err)
	fmt.Printf("%+v\n", v)
	var w Invoice
	err = json.Unmarshal([]byte(`{"id":"Y","status":"closed","qty":3}`), &w)
	fmt.Printf("%v %+v\n", err, w)
	err = json.Unmarshal([]byte(`{"id":`), &w)
	fmt.Printf("%v %+v\n", err, w)
}
