package main

import (
	"container/heap"
	"fmt"
)

type Item struct {
	name string
	prio int
}

type PQ []*Item

func (q PQ) Len() int           { return len(q) }
func (q PQ) Less(i, j int) bool { return q[i].prio < q[j].prio }
func (q PQ) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *PQ) Push(x any)        { *q = append(*q, x.(*Item)) }
func (q *PQ) Pop() any          { old := *q; n := len(old); it := old[n-1]; *q = old[:n-1]; return it }

type IntHeap []int

func (h IntHeap) Len() int           { return len(h) }
func (h IntHeap) Less(i, j int) bool { return h[i] < h[j] }
func (h IntHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *IntHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *IntHeap) Pop() any {
	old := *h
	n := len(old)
	x := old[n-1]
	*h = old[0 : n-1]
	return x
}

func main() {
	h := &IntHeap{5, 2, 8}
	heap.Init(h)
	heap.Push(h, 3)
	fmt.Printf("minimum: %d\n", (*h)[0])
	for h.Len() > 0 {
		fmt.Printf("%d ", heap.Pop(h))
	}
	fmt.Println()
	q := &PQ{}
	for i, n := range []string{"c", "a", "d", "b"} {
		heap.Push(q, &Item{n, []int{3, 1, 4, 2}[i]})
	}
	for q.Len() > 0 {
		fmt.Print(heap.Pop(q).(*Item).name, " ")
	}
	fmt.Println()
	f := h.Len
	h.Push(1)
	fmt.Println(f(), h.Len())
}
