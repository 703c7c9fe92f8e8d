package main

// A method value's receiver is evaluated where the method value is (f :=
// x.M, defer x.M(), go x.M()), as Go does: assigning the variable
// afterwards changes nothing, for interpreted and compiled types alike,
// through pointers, interfaces and embedded fields.

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"time"
)

type T struct{ name string }

func (t *T) Say()                  { fmt.Println("say", t.name) }
func (t *T) Name() string          { return t.name }
func (t T) Value() string          { return t.name }
func (t *T) Go(wg *sync.WaitGroup) { fmt.Println("go", t.name); wg.Done() }

type Logger struct{ prefix string }

func (l *Logger) Log(s string) { fmt.Println(l.prefix + s) }

type Service struct{ *Logger }

type S struct{ v string }

func (s S) String() string { return s.v }

func deferred() {
	p := &T{"first"}
	defer p.Say()
	v := T{"value"}
	defer fmt.Println("value method:", v.Value())
	defer v.Say()
	p = &T{"second"}
	v = T{"changed"}
}

func main() {
	deferred()

	p := &T{"old"}
	f := p.Name
	p = &T{"new"}
	fmt.Println(f(), p.Name())

	s := Service{&Logger{"old: "}}
	log := s.Log
	s.Logger = &Logger{"new: "}
	log("x")

	var x fmt.Stringer = S{"old"}
	g := x.String
	x = S{"new"}
	fmt.Println(g(), x)

	var wg sync.WaitGroup
	q := &T{"first"}
	wg.Add(1)
	go q.Go(&wg)
	q = &T{"second"}
	wg.Wait()

	t := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	year := t.Year
	t = t.AddDate(5, 0, 0)
	fmt.Println(year(), t.Year())

	b := &bytes.Buffer{}
	b.WriteString("first")
	str := b.String
	b = &bytes.Buffer{}
	b.WriteString("second")
	fmt.Println(str(), b.String())

	var sb strings.Builder
	sb.WriteString("x")
	built := sb.String
	sb.WriteString("y")
	fmt.Println(built())

	r := strings.NewReplacer("a", "b")
	defer fmt.Println("deferred replacer:", r.Replace("aaa"))
	defer func() { fmt.Println("closure sees", r.Replace("aaa")) }()
	r = strings.NewReplacer("a", "c")

	d := 3 * time.Second
	ds := d.String
	d = time.Minute
	fmt.Println(ds(), d)
}
