// A struct embedding a compiled interface (error, fmt.Stringer) prints
// through the promoted method, also as an error value.

package main

import (
	"errors"
	"fmt"
)

type codeErr struct {
	error
	code int
}

func mk() error { return codeErr{errors.New("via return"), 1} }

func main() {
	ce := codeErr{errors.New("base failure"), 42}
	fmt.Println(ce.Error(), ce)
	var err error = ce
	fmt.Println(err)
	var err2 error = codeErr{errors.New("literal"), 2}
	fmt.Println(err2, mk())
}

type named struct {
	fmt.Stringer
	n int
}

type strName string

func (s strName) String() string { return "name:" + string(s) }

func init() {
	fmt.Println(named{strName("a"), 1}, []named{{strName("b"), 2}})
	fmt.Printf("%v|%s\n", codeErr{nil, 3}, named{strName("c"), 3})
}
