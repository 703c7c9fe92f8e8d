// Pointers to compiled types returned as any (new(strings.Builder), a
// sync.Pool New func) assert back to their type; program pointers keep
// their methods.

package main

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
)

func mk() any { return new(strings.Builder) }

type T struct{ n int }

func (t *T) Inc() { t.n++ }

func mkT() any { return &T{1} }

func main() {
	_, ok := mk().(*strings.Builder)
	fmt.Println(ok)
	pool := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	b := pool.Get().(*bytes.Buffer)
	b.WriteString("pooled")
	fmt.Println(b.String())
	pool.Put(b)
	t, ok := mkT().(*T)
	t.Inc()
	fmt.Println(ok, t.n)
	_, isIncer := mkT().(interface{ Inc() })
	fmt.Printf("%v %T\n", isIncer, mkT())
}
