// A promoted method or field comes from the shallowest embedded type that
// has it.
package main

import (
	"bytes"
	"fmt"
)

type embedded string

func (s embedded) val() string { return string(s) }

type A struct {
	embedded
	Name string
}

type B struct {
	A
	embedded
}

type Logger struct{ prefix string }

func (l *Logger) Log(msg string) string { return l.prefix + msg }

type Base struct {
	*Logger
	Name string
}

type Service struct {
	Base
	*Logger
	Name string
}

type valer interface{ val() string }

type named struct{ f int }

func (named) String() string { return "program String" }

type deep struct{ named }

func main() {
	b := &B{A: A{embedded: "a", Name: "inner"}, embedded: "b"}
	fmt.Println(b.val(), b.A.val(), b.Name)
	var v valer = b
	fmt.Println(v.val())
	f := b.val
	fmt.Println(f())
	var v2 valer = *b
	fmt.Println(v2.val())

	s := Service{Base: Base{Logger: &Logger{"base: "}, Name: "b"}, Logger: &Logger{"svc: "}, Name: "s"}
	fmt.Println(s.Log("hi"), s.Base.Log("hi"), s.Name, s.Base.Name)
	var lg interface{ Log(string) string } = s
	fmt.Println(lg.Log("x"))

	buf := struct {
		deep
		*bytes.Buffer
	}{deep{}, bytes.NewBufferString("buffer String")}
	var st fmt.Stringer = buf
	fmt.Println(buf.String(), st.String(), buf.deep.String())
	fmt.Println(buf)
}
