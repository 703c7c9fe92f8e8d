package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

type Status int

func (s Status) MarshalJSON() ([]byte, error) {
	return json.Marshal([]string{"off", "on"}[s])
}

type Level int

func (l Level) MarshalText() ([]byte, error) { return []byte(strings.Repeat("*", int(l))), nil }

type Bad struct{}

func (Bad) MarshalJSON() ([]byte, error) { return nil, errors.New("nope") }

type Item struct {
	Name   string            `json:"name"`
	State  Status            `json:"state"`
	Opt    Status            `json:"opt,omitempty"`
	Levels []Level           `json:"levels"`
	ByName map[string]Status `json:"by_name"`
	Ptr    *Status           `json:"ptr"`
	hidden Status
	Any    any `json:"any"`
}

func main() {
	on := Status(1)
	it := Item{Name: "a", State: 1, Levels: []Level{1, 3}, ByName: map[string]Status{"x": 0}, Ptr: &on, hidden: 1, Any: Level(2)}
	b, err := json.Marshal(it)
	fmt.Println(string(b), err)
	b, err = json.MarshalIndent([]Item{{Name: "b"}}, "", " ")
	fmt.Println(string(b), err)
	_, err = json.Marshal(struct{ B Bad }{})
	fmt.Println(err)
	b, _ = json.Marshal(map[string]any{"s": Status(0), "n": 1})
	fmt.Println(string(b))
}

type Toggle int

func (t *Toggle) UnmarshalJSON(b []byte) error {
	if string(b) == `"on"` {
		*t = 1
	}
	return nil
}

func init() {
	var t Toggle
	err := json.Unmarshal([]byte(`"on"`), &t)
	fmt.Println("toggle", t, err)
}
