package main

// Values of program types with MarshalJSON or MarshalText inside []any and
// map[string]any are encoded through those methods.

import (
	"encoding/json"
	"fmt"
)

type Name string

func (n Name) MarshalJSON() ([]byte, error) { return []byte(`"name:` + string(n) + `"`), nil }

type Level int

func (l Level) MarshalText() ([]byte, error) { return []byte(fmt.Sprint("level-", int(l))), nil }

type Item struct{ Extra any }

func main() {
	v := map[string]any{"outer": []any{Name("a"), Level(2), 3}}
	b, err := json.Marshal(v)
	fmt.Println(string(b), err)
	b, _ = json.Marshal(Item{Extra: []any{Level(2)}})
	fmt.Println(string(b))
	b, _ = json.Marshal([]any{map[string]any{"n": Name("x")}})
	fmt.Println(string(b))
}
