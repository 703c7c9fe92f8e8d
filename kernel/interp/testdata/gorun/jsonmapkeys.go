package main

// Map keys of program types with a MarshalText method are encoded as their
// text by encoding/json, at the top level and inside other values.

import (
	"encoding/json"
	"fmt"
	"os"
)

type Level int

func (l Level) MarshalText() ([]byte, error) { return []byte(fmt.Sprint("L", int(l))), nil }

type Coord struct{ X, Y int }

// Key is of a string kind: json writes it as it is, not its text, and
// reads it with its UnmarshalText.
type Key string

func (k Key) MarshalText() ([]byte, error) { return []byte("text-" + string(k)), nil }

func (k *Key) UnmarshalText(b []byte) error { *k = Key("read-" + string(b)); return nil }

func (c Coord) MarshalText() ([]byte, error) { return []byte(fmt.Sprintf("%d:%d", c.X, c.Y)), nil }

type Board struct {
	Cells map[Coord]string `json:"cells"`
	Name  string           `json:"name"`
}

func main() {
	b, err := json.Marshal(map[Level]int{1: 2, 3: 4})
	fmt.Println(string(b), err)
	b, err = json.Marshal(map[Coord]int{{1, 2}: 3})
	fmt.Println(string(b), err)
	b, err = json.MarshalIndent(Board{Cells: map[Coord]string{{0, 0}: "x", {2, 1}: "o"}, Name: "b"}, "", "  ")
	fmt.Println(string(b), err)
	enc := json.NewEncoder(os.Stdout)
	enc.Encode([]map[Level]bool{{5: true}})
	b, err = json.Marshal(map[Key]int{"a": 1})
	fmt.Println(string(b), err)
	var keys map[Key]int
	fmt.Println(json.Unmarshal([]byte(`{"b":2}`), &keys), keys)
}

func (c *Coord) UnmarshalText(b []byte) error {
	_, err := fmt.Sscanf(string(b), "%d:%d", &c.X, &c.Y)
	return err
}

func init() {
	var back Board
	err := json.Unmarshal([]byte(`{"cells":{"1:2":"x","3:4":"o"},"name":"n"}`), &back)
	fmt.Println(err, back.Name, back.Cells[Coord{1, 2}], back.Cells[Coord{3, 4}], len(back.Cells))
	var m map[Coord]int
	fmt.Println(json.Unmarshal([]byte(`{"5:6":7}`), &m), m)
}
