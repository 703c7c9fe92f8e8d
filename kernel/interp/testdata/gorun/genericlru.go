package main

import "fmt"

type node[K comparable, V any] struct {
	key        K
	val        V
	prev, next *node[K, V]
}

type LRU[K comparable, V any] struct {
	cap        int
	items      map[K]*node[K, V]
	head, tail *node[K, V]
}

func NewLRU[K comparable, V any](n int) *LRU[K, V] {
	return &LRU[K, V]{cap: n, items: map[K]*node[K, V]{}}
}

func (c *LRU[K, V]) Get(k K) (V, bool) {
	if n, ok := c.items[k]; ok {
		c.moveFront(n)
		return n.val, true
	}
	var zero V
	return zero, false
}

func (c *LRU[K, V]) Put(k K, v V) {
	if n, ok := c.items[k]; ok {
		n.val = v
		c.moveFront(n)
		return
	}
	n := &node[K, V]{key: k, val: v}
	c.items[k] = n
	c.pushFront(n)
	if len(c.items) > c.cap {
		last := c.tail
		c.unlink(last)
		delete(c.items, last.key)
	}
}

func (c *LRU[K, V]) pushFront(n *node[K, V]) {
	n.next = c.head
	n.prev = nil
	if c.head != nil {
		c.head.prev = n
	}
	c.head = n
	if c.tail == nil {
		c.tail = n
	}
}

func (c *LRU[K, V]) unlink(n *node[K, V]) {
	if n.prev != nil {
		n.prev.next = n.next
	} else {
		c.head = n.next
	}
	if n.next != nil {
		n.next.prev = n.prev
	} else {
		c.tail = n.prev
	}
}

func (c *LRU[K, V]) moveFront(n *node[K, V]) {
	c.unlink(n)
	c.pushFront(n)
}

func main() {
	c := NewLRU[string, int](2)
	c.Put("a", 1)
	c.Put("b", 2)
	c.Get("a")
	c.Put("c", 3)
	_, okb := c.Get("b")
	va, oka := c.Get("a")
	fmt.Println(okb, va, oka, len(c.items))
}
