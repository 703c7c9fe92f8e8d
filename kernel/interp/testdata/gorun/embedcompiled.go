package main

// Structs embedding compiled types (time.Time, sync.Mutex, bytes.Buffer,
// *bytes.Buffer): promoted methods through assertions, type switches,
// interfaces and fmt, embedded again one level down; a field beside an
// embedded type's method of the same name is the field.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

type Stamp struct{ time.Time }

type Stamp2 struct{ Stamp }

type Event struct {
	Name string
	time.Time
}

type Guarded struct {
	sync.Mutex
	n int
}

type Doc struct {
	bytes.Buffer
	Title string
}

type Out struct {
	*bytes.Buffer
	N int
}

type Tagged struct {
	Stamp
	Tag string
}

type Stringer interface{ String() string }

type Base struct{ id int }

func (b Base) Name() string { return "base" }
func (b Base) ID() int      { return b.id }

type Shadow struct {
	Base
	Name string
}

type Deep struct {
	Shadow
	ID int
}

func main() {
	day := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	s := Stamp{day}
	fmt.Println(s, s.Year())
	b, _ := json.Marshal(s)
	fmt.Println(string(b))
	var x Stamp2
	fmt.Println(x.IsZero())
	e := Event{"x", day}
	b, _ = json.Marshal(e)
	fmt.Println(e, string(b))

	_, ok1 := any(s).(Stringer)
	_, ok2 := any(s).(fmt.Stringer)
	z, ok3 := any(s).(interface{ IsZero() bool })
	g := &Guarded{}
	l, ok4 := any(g).(sync.Locker)
	fmt.Println(ok1, ok2, ok3, ok4, z.IsZero())
	l.Lock()
	g.n++
	l.Unlock()
	fmt.Println(g.n)
	switch v := any(s).(type) {
	case fmt.Stringer:
		fmt.Println("stringer", v.String())
	default:
		fmt.Println("other")
	}

	d := &Doc{Title: "t"}
	d.WriteString("hello")
	fmt.Println(d)
	fmt.Println(Out{bytes.NewBufferString("abc"), 1})
	fmt.Println(Tagged{s, "x"})

	sh := Shadow{Base{1}, "field"}
	fmt.Println(sh.Name, sh.Base.Name(), sh.ID())
	dp := Deep{sh, 7}
	fmt.Println(dp.ID, dp.Name, dp.Shadow.ID())
}
