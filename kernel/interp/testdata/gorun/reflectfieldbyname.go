// reflect.Value.FieldByName finds a program struct's unexported fields,
// which cannot be set.
package main

import (
	"fmt"
	"reflect"
)

type user struct {
	firstName string
	Age       int
}

func main() {
	u := user{firstName: "John", Age: 3}
	s := reflect.ValueOf(u)
	fmt.Println(s.FieldByName("firstName"), s.FieldByName("Age"), s.FieldByName("nope").IsValid())
	p := reflect.ValueOf(&u).Elem()
	p.FieldByName("Age").SetInt(9)
	fmt.Println(u.Age, p.FieldByName("firstName").CanSet())
	get := s.FieldByName
	fmt.Println(get("Age"))
}
