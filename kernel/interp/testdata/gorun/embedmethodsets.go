// Method sets through embedding: a pointer to a struct embedding a compiled
// type by value (bytes.Buffer, sync.Mutex, strings.Builder) has its
// pointer methods; a value embedding Inner by value has not *Inner's.
package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
)

type Inner struct{ v int }

func (p *Inner) String() string { return fmt.Sprint("inner-", p.v) }
func (p *Inner) Inc()           { p.v++ }

type Val struct{ v int }

func (v Val) String() string { return fmt.Sprint("val-", v.v) }

type ByValue struct{ Inner }
type ByPtr struct{ *Inner }
type ValEmb struct{ Val }
type Deep struct{ ByValue }

type Out struct {
	bytes.Buffer
	name string
}

type Guard struct {
	sync.Mutex
	n int
}

type Builder struct{ strings.Builder }

func isStringer(x any) bool { _, ok := x.(fmt.Stringer); return ok }

func main() {
	bv := ByValue{Inner{1}}
	bp := ByPtr{&Inner{2}}
	ve := ValEmb{Val{3}}
	d := Deep{ByValue{Inner{4}}}
	fmt.Println(bv, &bv, bp, ve, &ve, d, &d)
	fmt.Println(isStringer(bv), isStringer(&bv), isStringer(bp), isStringer(ve), isStringer(d), isStringer(&d))
	bv.Inc()
	d.Inc()
	fmt.Println(bv.v, d.v, bv.String())

	var o Out
	fmt.Fprintf(&o, "x=%d", 1)
	o.WriteString("!")
	fmt.Println(o.String(), o.Len())
	var w io.Writer = &o
	fmt.Fprint(w, "?")
	fmt.Println(o.String())

	var l sync.Locker = &Guard{}
	l.Lock()
	l.Unlock()
	g := &Guard{}
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.Lock()
			g.n++
			g.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(g.n)

	var b Builder
	fmt.Fprintf(&b, "%s-%d", "a", 1)
	b.WriteByte('!')
	fmt.Println(b.String())
	var sw io.StringWriter = &b
	sw.WriteString("z")
	fmt.Println(b.String(), b.Len())
}
