// A struct type with an Error method stored in an error: fmt calls Error,
// and so does an explicit call, however the value got there.
package main

import "fmt"

type ValidationError struct {
	Field string
	Code  int
}

func (v ValidationError) Error() string { return fmt.Sprintf("%s: code %d", v.Field, v.Code) }

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

func validate(s string) error {
	if s == "" {
		return ValidationError{"name", 1}
	}
	return nil
}

func main() {
	var err error = ValidationError{"a", 2}
	fmt.Println(err, err.Error())
	var e2 error
	e2 = ValidationError{Field: "b"}
	fmt.Println(e2)
	var e3 error = &NotFound{"k"}
	fmt.Println(e3)
	fmt.Println(validate(""), validate("x"))
	errs := []error{ValidationError{"c", 3}, &NotFound{"z"}}
	for _, e := range errs {
		fmt.Printf("%v|%s\n", e, e)
	}
}
