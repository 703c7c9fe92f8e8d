// Values of the program's named non-struct types keep their type through
// compiled code that stores an any: container/heap, list and ring,
// sync.Map, sync.Pool, atomic.Value and context keys.
package main

import (
	"container/heap"
	"container/list"
	"container/ring"
	"context"
	"fmt"
	"sync"
	"sync/atomic"
)

type Level int

func (l Level) String() string { return [...]string{"low", "mid", "high"}[l] }

type Celsius float64

type ctxKey string

type otherKey string

type Tags []string

type LevelHeap []Level

func (h LevelHeap) Len() int           { return len(h) }
func (h LevelHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h LevelHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *LevelHeap) Push(x any)        { *h = append(*h, x.(Level)) }
func (h *LevelHeap) Pop() any {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[:n-1]
	return x
}

func describe(v any) string {
	switch x := v.(type) {
	case Level:
		return "Level " + x.String()
	case Celsius:
		return fmt.Sprintf("Celsius %.1f", float64(x))
	case int:
		return fmt.Sprint("int ", x)
	case Tags:
		return fmt.Sprint("Tags ", len(x))
	case string:
		return "string " + x
	}
	return fmt.Sprintf("other %T", v)
}

func main() {
	h := &LevelHeap{2, 0}
	heap.Init(h)
	heap.Push(h, Level(1))
	for h.Len() > 0 {
		x := heap.Pop(h)
		fmt.Print(x, " ", describe(x), "; ")
	}
	fmt.Println()

	l := list.New()
	l.PushBack(Level(2))
	l.PushBack(2)
	l.PushFront(Celsius(21.5))
	l.PushBack(Tags{"a", "b"})
	for e := l.Front(); e != nil; e = e.Next() {
		_, isLevel := e.Value.(Level)
		fmt.Printf("%v %T %v %s | ", e.Value, e.Value, isLevel, describe(e.Value))
	}
	fmt.Println(l.Front().Next().Value == Level(2), l.Back().Prev().Value == Level(2))

	r := ring.New(2)
	r.Value = Level(0)
	r.Next().Value = Celsius(-3)
	r.Do(func(v any) { fmt.Print(describe(v), "; ") })
	fmt.Println()

	ctx := context.WithValue(context.Background(), ctxKey("user"), "bob")
	ctx = context.WithValue(ctx, otherKey("user"), "eve")
	fmt.Println(ctx.Value(ctxKey("user")), ctx.Value(otherKey("user")), ctx.Value("user"))

	var m sync.Map
	m.Store(Level(1), "level one")
	m.Store(1, "int one")
	v, _ := m.Load(Level(1))
	w, _ := m.Load(1)
	fmt.Println(v, w)
	m.Range(func(k, v any) bool {
		if _, ok := k.(Level); ok {
			fmt.Println("range:", k, v)
		}
		return true
	})
	old, loaded := m.LoadOrStore(Celsius(5), Level(2))
	fmt.Println(describe(old), loaded)
	old, loaded = m.LoadOrStore(Celsius(5), 0)
	fmt.Println(describe(old), loaded)

	var av atomic.Value
	av.Store(Celsius(37))
	c := av.Load().(Celsius)
	fmt.Println(c, describe(av.Load()))

	pool := sync.Pool{New: func() any { return Level(0) }}
	p := pool.Get().(Level)
	fmt.Println(p, describe(p))
}
