// A type defined from another named type (type Vec Point, type plain T in
// T's String or MarshalJSON, type alias Event in UnmarshalJSON) has none
// of its methods, only its fields' promoted ones.
package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

type Point struct{ X, Y int }

func (p Point) String() string { return "P" }
func (p *Point) Move()         { p.X++ }

type Vec Point

type Named struct {
	Point
	Name string
}

type Alias Named

type Stringer interface{ String() string }
type MyStringer Stringer

type Level int

func (l Level) String() string { return strings.Repeat("*", int(l)) }

type Raw Level

type Event struct {
	Name string `json:"name"`
	When int    `json:"when"`
}

func (e *Event) UnmarshalJSON(b []byte) error {
	type alias Event
	aux := &struct {
		*alias
		Extra string `json:"extra"`
	}{alias: (*alias)(e)}
	if err := json.Unmarshal(b, aux); err != nil {
		return err
	}
	e.Name = strings.ToUpper(e.Name) + "/" + aux.Extra
	return nil
}

func (e Event) MarshalJSON() ([]byte, error) {
	type plain Event
	return json.Marshal(struct {
		plain
		Kind string `json:"kind"`
	}{plain(e), "event"})
}

type Temp struct{ C float64 }

func (t Temp) String() string {
	type plain Temp
	return fmt.Sprintf("Temp%v", plain(t))
}

func main() {
	v := Vec{3, 4}
	fmt.Println(v, Point(v), Named{Point{1, 2}, "n"}, Alias{Point{5, 6}, "a"})
	var x any = v
	_, ok := x.(fmt.Stringer)
	var y any = Alias{}
	_, ok2 := y.(fmt.Stringer)
	fmt.Println(ok, ok2)
	var ms MyStringer = Point{}
	fmt.Println(ms.String())
	fmt.Println(Level(3), Raw(3), int(Raw(2)))
	var e Event
	err := json.Unmarshal([]byte(`{"name":"boot","when":5,"extra":"x"}`), &e)
	fmt.Println(e, err)
	b, err := json.Marshal(e)
	fmt.Println(string(b), err)
	fmt.Println(Temp{21.5})
	fmt.Printf("%v %+v %s\n", v, v, Temp{1})
}
