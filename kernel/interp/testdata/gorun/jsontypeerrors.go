// json's errors name the program's types as Go's do: a json.Decoder's
// type errors name the field's struct, a target of a program struct type
// is named (of type main.Limits), and so are Unmarshal(non-pointer T) and
// an unsupported map key type; errors.As still finds json's error.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

type Limits struct {
	RPS   int `json:"rps"`
	Burst int `json:"burst"`
}

type Endpoint struct {
	Name    string `json:"name"`
	Timeout int    `json:"timeout_ms"`
}

type Config struct {
	Limits    Limits     `json:"limits"`
	Endpoints []Endpoint `json:"endpoints"`
}

type K struct{ A int }

type Base struct {
	ID int `json:"id"`
}

type Doc struct {
	Base
	Title string
}

func main() {
	inputs := []string{
		`{"limits":"fast"}`,
		`{"endpoints":[{"name":"a","timeout_ms":"slow"}]}`,
		`[1,2]`,
	}
	for _, in := range inputs {
		var c Config
		err := json.NewDecoder(strings.NewReader(in)).Decode(&c)
		var te *json.UnmarshalTypeError
		fmt.Println(err, errors.As(err, &te))
		err = json.Unmarshal([]byte(in), &c)
		fmt.Println(err)
	}
	var k K
	fmt.Println(json.Unmarshal([]byte(`{}`), k))
	_, err := json.Marshal(map[K]int{{1}: 2})
	fmt.Println(err)
	var ue *json.UnsupportedTypeError
	fmt.Println(errors.As(err, &ue))
	var d Doc
	fmt.Println(json.Unmarshal([]byte(`{"id":"x"}`), &d))
}
