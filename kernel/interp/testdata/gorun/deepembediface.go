// A method promoted from an interface embedded two levels down.
package main

import (
	"fmt"
	"io"
	"strings"
)

type Store interface {
	Get(key string) string
	Put(key, val string)
}

type memStore struct{ m map[string]string }

func (s *memStore) Get(k string) string { return s.m[k] }
func (s *memStore) Put(k, v string)     { s.m[k] = v }

type logged struct {
	Store
	n int
}

type cached struct {
	logged
	hits int
}

type readerBox struct{ io.Reader }

type outer struct{ readerBox }

func main() {
	c := cached{logged: logged{Store: &memStore{m: map[string]string{}}}}
	c.Put("a", "1")
	fmt.Println(c.Get("a"), c.logged.Get("a"))
	get := c.Get
	fmt.Println(get("a"))
	var s Store = c
	s.Put("b", "2")
	fmt.Println(s.Get("b"), c.Get("b"))
	p := &c
	fmt.Println(p.Get("b"))

	o := outer{readerBox{strings.NewReader("hello")}}
	buf := make([]byte, 3)
	n, err := o.Read(buf)
	fmt.Println(n, err, string(buf))
	rest, _ := io.ReadAll(o)
	fmt.Println(string(rest))
}
