// Struct types whose func and map fields name the struct itself: a state
// machine's handler table, a tree with a comparison func, a command tree,
// and two types naming each other through funcs.
package main

import (
	"fmt"
	"sort"
	"strings"
)

type Machine struct {
	state    string
	log      []string
	handlers map[string]func(*Machine, string) string
	onEnter  func(m *Machine)
	children []*Machine
	parent   *Machine
}

type Tree struct {
	Left, Right *Tree
	Val         int
	Less        func(a, b *Tree) bool
}

type Cmd struct {
	Name string
	Run  func(c *Cmd, args []string) error
	Subs map[string]*Cmd
}

type A struct {
	b  *B
	fn func(*B) *A
}
type B struct {
	a  *A
	fn func(*A) int
}

func (t *Tree) Insert(v int) *Tree {
	if t == nil {
		return &Tree{Val: v}
	}
	n := &Tree{Val: v}
	if t.Less != nil && t.Less(n, t) || t.Less == nil && v < t.Val {
		t.Left = t.Left.Insert(v)
	} else {
		t.Right = t.Right.Insert(v)
	}
	return t
}

func (t *Tree) Walk(f func(*Tree)) {
	if t == nil {
		return
	}
	t.Left.Walk(f)
	f(t)
	t.Right.Walk(f)
}

func main() {
	m := &Machine{state: "idle", handlers: map[string]func(*Machine, string) string{}}
	m.handlers["start"] = func(m *Machine, arg string) string { m.state = "run:" + arg; return m.state }
	m.handlers["stop"] = func(m *Machine, _ string) string { m.state = "idle"; return "stopped" }
	m.onEnter = func(x *Machine) { x.log = append(x.log, "enter "+x.state) }
	for _, ev := range []string{"start", "stop", "start"} {
		m.log = append(m.log, m.handlers[ev](m, "x"))
		m.onEnter(m)
	}
	child := &Machine{state: "c", parent: m}
	m.children = append(m.children, child)
	fmt.Println(strings.Join(m.log, ","), m.children[0].parent.state)

	var root *Tree
	for _, v := range []int{5, 3, 8, 1, 4} {
		root = root.Insert(v)
	}
	var out []int
	root.Walk(func(t *Tree) { out = append(out, t.Val) })
	fmt.Println(out)

	root2 := &Tree{Val: 5, Less: func(a, b *Tree) bool { return a.Val > b.Val }}
	for _, v := range []int{3, 8, 1} {
		root2.Insert(v)
	}
	out = nil
	root2.Walk(func(t *Tree) { out = append(out, t.Val) })
	fmt.Println(out)

	c := &Cmd{Name: "root", Subs: map[string]*Cmd{}}
	c.Subs["add"] = &Cmd{Name: "add", Run: func(c *Cmd, args []string) error {
		fmt.Println(c.Name, args)
		return nil
	}}
	var names []string
	for k := range c.Subs {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Println(names, c.Subs["add"].Run(c.Subs["add"], []string{"1", "2"}))

	a := &A{}
	b := &B{a: a, fn: func(x *A) int { return 7 }}
	a.b = b
	a.fn = func(x *B) *A { return x.a }
	fmt.Println(a.fn(b) == a, b.fn(a), a.b.a.b.fn(nil))
	fmt.Printf("%v %d\n", c.Subs["add"].Name, len(m.handlers))
}
