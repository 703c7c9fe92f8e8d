// Program values in compiled anys: struct context keys, a heap of any
// mixing a named type and its underlying type, sync.Map of a named type.
package main

import (
	"container/heap"
	"context"
	"fmt"
	"sort"
	"sync"
)

type userKey struct{}
type reqKey struct{}
type Level int
type H []any

func (h H) Len() int           { return len(h) }
func (h H) Less(i, j int) bool { return fmt.Sprint(h[i]) < fmt.Sprint(h[j]) }
func (h H) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *H) Push(x any)        { *h = append(*h, x) }
func (h *H) Pop() any          { o := *h; x := o[len(o)-1]; *h = o[:len(o)-1]; return x }

func main() {
	ctx := context.WithValue(context.Background(), userKey{}, "alice")
	ctx = context.WithValue(ctx, reqKey{}, 42)
	fmt.Println(ctx.Value(userKey{}), ctx.Value(reqKey{}))
	u, ok := ctx.Value(userKey{}).(string)
	fmt.Println(u, ok)
	var x any = Level(1)
	h := &H{}
	heap.Push(h, x)
	heap.Push(h, 1)
	for h.Len() > 0 {
		v := heap.Pop(h)
		_, isL := v.(Level)
		fmt.Printf("%v %T %v\n", v, v, isL)
	}
	var m sync.Map
	for _, k := range []Level{3, 1, 2} {
		m.Store(k, int(k)*10)
	}
	var keys []Level
	m.Range(func(k, v any) bool { keys = append(keys, k.(Level)); return true })
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	fmt.Println(keys)
	v, loaded := m.LoadAndDelete(Level(2))
	fmt.Println(v, loaded)
	m.Delete(Level(3))
	_, ok = m.Load(Level(3))
	fmt.Println(ok)
	fmt.Println(m.CompareAndSwap(Level(1), 10, 11))
	vv, _ := m.Load(Level(1))
	fmt.Println(vv)
}
