// Values of types with String or Error methods under fmt's verbs: the
// method for the verbs that take a string, the value for the others.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
)

type Weekday int

const (
	Sunday Weekday = iota
	Monday
	Tuesday
)

func (d Weekday) String() string { return [...]string{"Sun", "Mon", "Tue"}[d] }

type Code int

func (c Code) Error() string { return fmt.Sprintf("code %d", int(c)) }

type Level int

func (l Level) Error() string { return fmt.Sprintf("level %d", l) }

type Record struct {
	Name    string `json:"name"`
	Count   int    `json:"count,omitempty"`
	private int
	secret  string `json:"secret"`
}

func main() {
	fmt.Printf("%v %d %s %q %x %5s|%-5v|\n", Monday, Monday, Tuesday, Sunday, Monday, Monday, Tuesday)
	var err error = Code(7)
	fmt.Printf("%v %d %s\n", err, Code(3), Code(4))
	fmt.Println(Level(2), fmt.Sprint(Level(5)), errors.New(Level(9).Error()))
	fmt.Println(fmt.Errorf("wrapped: %w", Code(1)))
	b, _ := json.Marshal(Record{Name: "r", private: 3, secret: "s"})
	fmt.Println(string(b))
	var r Record
	err = json.Unmarshal([]byte(`{"name":"q","count":2,"private":5,"secret":"x","Xprivate":6}`), &r)
	fmt.Println(r.Name, r.Count, r.private, r.secret, err)
}
