package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
)

type Base struct{ ID int }

func (b Base) String() string { return fmt.Sprintf("Base#%d", b.ID) }

type Derived struct {
	Base
	Name string
}

type Plain struct {
	Base
	N int
}

type Node struct {
	Val  int
	Next *Node
}

type PS struct{ n int }

func (p *PS) String() string { return fmt.Sprintf("PS(%d)", p.n) }

type Color int

const (
	Red Color = iota
	Green
)

func (c Color) String() string { return [...]string{"Red", "Green"}[c] }

type Bad struct{}

func (Bad) String() string { panic("boom") }

type MyErr struct{ Code int }

func (e *MyErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

type Inventory struct {
	Items map[string]int
	Tags  []string
	When  time.Duration
	color Color
	Col   Color
	err   error
	Err   error
	any   any
	fn    func()
}

type Matrix [2][2]float64

type IDs []int

func main() {
	d := Derived{Base{1}, "x"}
	fmt.Println(d)
	fmt.Printf("%+v\n", d)
	pl := Plain{Base{2}, 3}
	fmt.Printf("%v %+v %#v\n", pl, pl, pl)
	n := &Node{1, &Node{2, nil}}
	s := fmt.Sprintf("%v", n)
	fmt.Println(strings.HasPrefix(s, "&{1 0x"), s[len(s)-1:])
	fmt.Printf("%+v\n", Node{3, nil})
	fmt.Printf("%#v\n", Node{3, nil})
	ps := PS{4}
	fmt.Println(ps, &ps)
	fmt.Printf("%v %d %s %q %x\n", Green, Green, Green, Green, Green)
	fmt.Println([]Color{Red, Green}, map[Color]int{Green: 1, Red: 2})
	fmt.Println(Bad{})
	var np *PS
	fmt.Println(np)
	var e error = &MyErr{7}
	fmt.Println(e)
	fmt.Printf("%v|%s|%+v\n", e, e, e)
	inv := Inventory{Items: map[string]int{"b": 2, "a": 1}, Tags: []string{"x", "y"}, When: time.Minute, color: Green, Col: Red, Err: errors.New("e2")}
	fmt.Printf("%v\n%+v\n", inv, inv)
	fmt.Printf("%q\n", inv.Tags)
	m := Matrix{{1, 2}, {3, 4}}
	fmt.Println(m)
	fmt.Printf("%v %T %#v\n", IDs{1, 2}, IDs{}, IDs{3})
	fmt.Printf("%5.1f|%-4d|%x\n", []float64{1.25, 2}, []int{1, 2}, "hi")
	fmt.Printf("%s\n", Plain{Base{5}, 6})
	fmt.Printf("%d\n", d)
	people := []struct {
		Name string
		Age  int
	}{{"Al", 30}, {"Bo", 25}}
	sort.Slice(people, func(i, j int) bool { return people[i].Age < people[j].Age })
	fmt.Println(people)
	fmt.Printf("%v %+v\n", people[0], people)
	var ip *int
	fmt.Println(ip == nil, fmt.Sprint(ip))
	var nilSlice []Color
	var nilMap map[string]Color
	fmt.Printf("%v %v %#v %#v\n", nilSlice, nilMap, nilSlice, nilMap)
	fmt.Fprintln(os.Stdout, d, Green)
	err := fmt.Errorf("op failed: %w", &MyErr{9})
	var me *MyErr
	fmt.Println(err, errors.As(err, &me), me.Code)
	fmt.Printf("%v %v\n", struct{}{}, [0]int{})
	ch := make(chan Color)
	fmt.Println(fmt.Sprintf("%T", ch))
	f := func(int) Color { return Red }
	fmt.Printf("%T\n", f)
	fmt.Printf("%T %T\n", &d, []*Derived{})
	fmt.Printf("%v\n", [][]Color{{Red}, {Green, Red}})
	type kv struct {
		k string
		v int
	}
	kvs := []kv{{"a", 1}}
	fmt.Printf("%v %+v\n", kvs, kvs)
	mp := map[string][]kv{"z": {{"b", 2}}}
	fmt.Printf("%+v\n", mp)
	fmt.Printf("%6v|%-6v|\n", Green, Red)
	fmt.Printf("%08.3f\n", 3.14159)
	fmt.Printf("%v %s\n", []error{errors.New("a"), &MyErr{1}}, []fmt.Stringer{Green, &ps})
}
