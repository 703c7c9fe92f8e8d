package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

type Status int

func (s *Status) UnmarshalJSON(b []byte) error {
	switch string(b) {
	case `"on"`:
		*s = 1
	case `"off"`:
		*s = 0
	default:
		return fmt.Errorf("bad status %s", b)
	}
	return nil
}

type Level int

func (l *Level) UnmarshalText(b []byte) error { *l = Level(strings.Count(string(b), "*")); return nil }

type Device struct {
	Name   string            `json:"name"`
	State  Status            `json:"state"`
	Levels []Level           `json:"levels"`
	ByName map[string]Status `json:"by_name"`
	Ptr    *Status           `json:"ptr"`
	Kept   int               `json:"kept"`
	note   string
}

func main() {
	d := Device{Kept: 9, note: "n"}
	err := json.Unmarshal([]byte(`{"name":"a","state":"on","levels":["*","***"],"by_name":{"x":"off","y":"on"},"ptr":"on"}`), &d)
	fmt.Println(err, d.Name, d.State, d.Levels, d.ByName, *d.Ptr, d.Kept, d.note)
	var ds []Device
	err = json.Unmarshal([]byte(`[{"name":"b","state":"off"},{"name":"c","state":"on"}]`), &ds)
	fmt.Println(err, len(ds), ds[0].State, ds[1].State, ds[1].Name)
	err = json.Unmarshal([]byte(`{"state":"maybe"}`), &d)
	fmt.Println(err)
	err = json.Unmarshal([]byte(`{"name":5}`), &d)
	fmt.Println(err != nil)
	err = json.Unmarshal([]byte(`{bad`), &d)
	fmt.Println(err)
}
