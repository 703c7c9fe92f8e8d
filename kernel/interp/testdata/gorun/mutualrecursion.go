// Types that refer to one another: a container/list-style list (Element
// and List), a graph of nodes and edges, and the same as generic types.
package main

import (
	"fmt"
	"strings"
)

type Element struct {
	next, prev *Element
	list       *List
	Value      any
}

type List struct {
	root Element
	len  int
}

func (l *List) Init() *List {
	l.root.next = &l.root
	l.root.prev = &l.root
	l.len = 0
	return l
}

func (l *List) PushBack(v any) *Element {
	e := &Element{Value: v, list: l}
	at := l.root.prev
	e.prev = at
	e.next = at.next
	e.prev.next = e
	e.next.prev = e
	l.len++
	return e
}

func (l *List) Front() *Element {
	if l.len == 0 {
		return nil
	}
	return l.root.next
}

func (e *Element) Next() *Element {
	if p := e.next; e.list != nil && p != &e.list.root {
		return p
	}
	return nil
}

type Node struct {
	Name  string
	Edges []*Edge
}

type Edge struct {
	From, To *Node
	Weight   int
}

type GElement[T any] struct {
	next *GElement[T]
	list *GList[T]
	V    T
}

type GList[T any] struct {
	root GElement[T]
	n    int
}

func (l *GList[T]) Push(v T) {
	e := &GElement[T]{V: v, list: l, next: l.root.next}
	l.root.next = e
	l.n++
}

func (l *GList[T]) Items() []T {
	var out []T
	for e := l.root.next; e != nil; e = e.next {
		out = append(out, e.V)
	}
	return out
}

func main() {
	l := new(List).Init()
	for _, w := range []string{"a", "b", "c"} {
		l.PushBack(w)
	}
	var words []string
	for e := l.Front(); e != nil; e = e.Next() {
		words = append(words, e.Value.(string))
	}
	fmt.Println(strings.Join(words, ","), l.len, l.Front().list == l)

	a, b := &Node{Name: "a"}, &Node{Name: "b"}
	e := &Edge{From: a, To: b, Weight: 3}
	a.Edges = append(a.Edges, e)
	b.Edges = append(b.Edges, &Edge{From: b, To: a, Weight: 4})
	fmt.Println(a.Edges[0].To.Name, a.Edges[0].To.Edges[0].To.Name, b.Edges[0].Weight)

	var g GList[int]
	g.Push(1)
	g.Push(2)
	fmt.Println(g.Items(), g.n, g.root.next.list == &g)
	var gs GList[string]
	gs.Push("x")
	fmt.Println(gs.Items())
}
