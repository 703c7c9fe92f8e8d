// encoding/xml names an element after a program struct's type where it
// has no XMLName field: xml.Marshal, MarshalIndent and an Encoder's Encode,
// of a value, a pointer or a slice.
package main

import (
	"encoding/xml"
	"fmt"
	"os"
)

type Address struct {
	City string `xml:"city"`
	Zip  string `xml:"zip,attr"`
}

type Person struct {
	Name    string    `xml:"name"`
	Age     int       `xml:"age,attr"`
	Emails  []string  `xml:"email"`
	Home    Address   `xml:"home"`
	Offices []Address `xml:"offices>office"`
	note    string
}

type Book struct {
	XMLName xml.Name `xml:"book"`
	Title   string   `xml:"title"`
}

type Tag string

func main() {
	p := Person{Name: "Ann", Age: 30, Emails: []string{"a@x", "b@x"}, Home: Address{"Oslo", "0150"},
		Offices: []Address{{"Rome", "00100"}}, note: "hidden"}
	b, err := xml.Marshal(p)
	fmt.Println(string(b), err)
	b, err = xml.Marshal(&p)
	fmt.Println(string(b), err)
	b, err = xml.MarshalIndent([]Address{{"Paris", "75001"}, {"Lyon", "69001"}}, "", "  ")
	fmt.Println(string(b), err)
	b, err = xml.Marshal(Book{Title: "Go"})
	fmt.Println(string(b), err)
	b, err = xml.Marshal(Tag("x"))
	fmt.Println(string(b), err)

	enc := xml.NewEncoder(os.Stdout)
	enc.Indent(">", " ")
	if err := enc.Encode(Address{"Bern", "3000"}); err != nil {
		fmt.Println(err)
	}
	enc.Flush()
	fmt.Println()

	var q Person
	err = xml.Unmarshal(b0(p), &q)
	fmt.Println(q.Name, q.Age, q.Emails, q.Home.City, q.Offices, err)
	var x struct{ A int }
	_, err = xml.Marshal(x)
	fmt.Println(err)

	g, err := xml.Marshal(&Tagged[string]{Name: "x"})
	fmt.Println(string(g), err)
	var back Tagged[string]
	fmt.Println(xml.Unmarshal(g, &back), back.Name)
}

// Tagged is generic: its element is named without its type arguments.
type Tagged[T any] struct {
	Name T `xml:"name"`
}

func b0(p Person) []byte {
	b, _ := xml.Marshal(p)
	return b
}
