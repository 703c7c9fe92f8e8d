package main

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"
)

type Inner struct{ Level int }

func (i Inner) Describe() string { return fmt.Sprint("level ", i.Level) }

type Base struct {
	ID   int `json:"id"`
	note string
}

type Outer struct {
	Name string
	*Base
	Inner
	sync.Mutex
	When time.Duration
}

type Counter struct {
	sync.Mutex
	n int
}

func main() {
	o := Outer{Name: "x", Base: &Base{ID: 4}, Inner: Inner{3}}
	o.Lock()
	o.Level++
	o.Unlock()
	b, err := json.Marshal(o)
	fmt.Println(string(b), err)
	fmt.Println(o.Describe(), o.ID, o.Base.ID)
	var back Outer
	err = json.Unmarshal([]byte(`{"Name":"y","Level":7,"id":9}`), &back)
	fmt.Println(err, back.Name, back.Level, back.Base != nil && back.ID == 9)
	fmt.Printf("%+v\n", Inner{1})
	c := &Counter{}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); c.Lock(); c.n++; c.Unlock() }()
	}
	wg.Wait()
	fmt.Println(c.n)
}
