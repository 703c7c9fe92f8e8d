package main

// Reflection on the program's own struct types: names, fields and tags as
// Go shows them (reflect.Type's Name, String, PkgPath, Field and
// FieldByName, and a reflect.Type printed by fmt). A program value held in
// a compiled interface (error, io.Reader) is itself to reflect.TypeOf and
// reflect.ValueOf.

import (
	"fmt"
	"io"
	"reflect"
	"strings"
)

type MyErr struct{ code int }

func (e *MyErr) Error() string { return fmt.Sprint("code ", e.code) }

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { return 0, io.EOF }

type Address struct {
	City string `json:"city"`
	Zip  string `json:"zip,omitempty"`
}

type User struct {
	Name    string `json:"name" validate:"required"`
	Age     int    `json:"age" validate:"min=0"`
	Address `json:"address"`
	email   string
	Tags    []string
}

type Pair[K comparable, V any] struct {
	Key K
	Val V
}

func describe(x any) string {
	t := reflect.TypeOf(x)
	var b strings.Builder
	fmt.Fprintf(&b, "%v (name %q, kind %v)", t, t.Name(), t.Kind())
	if t.Kind() == reflect.Ptr {
		fmt.Fprintf(&b, " -> %s", t.Elem().Name())
	}
	return b.String()
}

func validate(x any) []string {
	var problems []string
	v := reflect.ValueOf(x)
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		rule := f.Tag.Get("validate")
		switch {
		case rule == "required" && v.Field(i).String() == "":
			problems = append(problems, f.Name+" is required")
		case rule == "min=0" && v.Field(i).Int() < 0:
			problems = append(problems, f.Name+" must not be negative")
		}
	}
	return problems
}

func main() {
	u := User{Name: "Ann", Age: 30, Address: Address{"Oslo", "0150"}, email: "ann@example.com"}
	t := reflect.TypeOf(u)
	fmt.Println(t, t.Name(), t.PkgPath(), t.Kind(), t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fmt.Printf("%-8s %-9v json=%-13q exported=%-5v embedded=%-5v tag=%q\n",
			f.Name, f.Type, f.Tag.Get("json"), f.IsExported(), f.Anonymous, f.Tag)
	}
	if f, ok := t.FieldByName("email"); ok {
		fmt.Println("found", f.Name, f.Type, f.IsExported())
	}
	if _, ok := t.FieldByName("Missing"); !ok {
		fmt.Println("no field Missing")
	}
	fmt.Println(describe(u))
	fmt.Println(describe(&u))
	fmt.Println(describe([]User{u}))
	fmt.Println(describe(map[string]*User{}))
	fmt.Println(describe(Pair[string, int]{"a", 1}))
	fmt.Println(describe(42), describe("s"))
	fmt.Printf("%v|%s\n", reflect.TypeOf(u), reflect.ValueOf(&u).Type())
	var anyType any = reflect.TypeOf(Address{})
	fmt.Println(anyType)
	fmt.Println(validate(User{Age: -1}))
	fmt.Println(validate(u))
	var err error = &MyErr{3}
	var r io.Reader = zeros{}
	fmt.Println(reflect.TypeOf(err), reflect.TypeOf(r), reflect.ValueOf(r).Kind(), reflect.ValueOf(err).Elem().NumField())
	v := reflect.ValueOf(u)
	for i := 0; i < v.NumField(); i++ {
		fmt.Println(v.Type().Field(i).Name, v.Field(i).Kind())
	}
}
