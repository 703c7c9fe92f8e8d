// encoding/json's omitzero (Go 1.24) calls a field type's IsZero method,
// also where the type is the program's.
package main

import (
	"encoding/json"
	"fmt"
	"time"
)

type Money struct{ Cents int }

func (m Money) IsZero() bool { return m.Cents < 0 }

type Span struct{ From, To int }

func (s *Span) IsZero() bool { return s.To <= s.From }

type Point struct{ X, Y int }

type Doc struct {
	Price   Money     `json:"price,omitzero"`
	Span    Span      `json:"span,omitzero"`
	Ref     *Money    `json:"ref,omitzero"`
	At      Point     `json:"at,omitzero"`
	When    time.Time `json:"when,omitzero"`
	Label   string    `json:"label,omitempty,omitzero"`
	Plain   Money     `json:"plain"`
	Payload any       `json:"payload,omitzero"`
}

func main() {
	docs := []Doc{
		{},
		{Price: Money{-1}, Span: Span{1, 5}, At: Point{1, 0}, Label: "x"},
		{Price: Money{3}, Span: Span{5, 1}, Ref: &Money{-2}, When: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)},
		{Ref: &Money{7}, Payload: Money{-1}},
	}
	for _, d := range docs {
		b, err := json.Marshal(d)
		fmt.Println(string(b), err)
	}
}
