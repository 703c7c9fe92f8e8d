// Program values that went through compiled code as an any (a list
// element, a sync.Map value) keep their type: asserted to program
// interfaces and matched by type switches. A struct embedding an
// interface is asserted to its concrete type.

package main

import (
	"container/list"
	"fmt"
	"sort"
	"sync"
)

type Doc interface{ Title() string }

type Article struct{ T string }

func (a Article) Title() string { return a.T }

type Page struct{ N int }

func (p *Page) Title() string { return fmt.Sprint("page ", p.N) }

type Plain struct{ X int }

func main() {
	l := list.New()
	l.PushBack(Article{"x"})
	l.PushBack(&Page{2})
	l.PushBack(Plain{1})
	l.PushBack(Page{3})
	for e := l.Front(); e != nil; e = e.Next() {
		d, ok := e.Value.(Doc)
		if ok {
			fmt.Println("doc", d.Title())
		} else {
			fmt.Printf("not a doc: %v\n", e.Value)
		}
		switch v := e.Value.(type) {
		case Doc:
			fmt.Println("switch doc", v.Title())
		case Plain:
			fmt.Println("plain", v.X)
		default:
			fmt.Printf("default %T\n", v)
		}
	}
	var m sync.Map
	m.Store("a", Article{"stored"})
	if v, ok := m.Load("a"); ok {
		fmt.Println(v.(Doc).Title())
	}
	items := []any{Article{"b"}, Article{"a"}}
	sort.Slice(items, func(i, j int) bool { return items[i].(Doc).Title() < items[j].(Doc).Title() })
	fmt.Println(items)
}

type Store interface {
	Get() string
	Set(string)
}

type base struct{ v string }

func (b *base) Get() string  { return b.v }
func (b *base) Set(v string) { b.v = v }

type upper struct{ Store }

func (u upper) Get() string { return "U:" + u.Store.Get() }

func init() {
	var s Store = upper{&base{"x"}}
	u := s.(upper)
	u.Set("y")
	fmt.Println(u.Get(), s.Get())
}
