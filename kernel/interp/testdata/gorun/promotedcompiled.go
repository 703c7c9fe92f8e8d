package main

// Methods promoted from an embedded compiled type (sync.Mutex,
// bytes.Buffer, *strings.Reader) called through an interface of the
// program; a program value in one compiled interface asserted to another.

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
)

type file struct{}

func (file) Read(p []byte) (int, error) { return 0, io.EOF }
func (file) Close() error               { return nil }

type Locker interface {
	Lock()
	Unlock()
}

type Writer interface{ WriteString(s string) (int, error) }

type Reader interface{ ReadByte() (byte, error) }

type guarded struct {
	sync.Mutex
	n int
}

type logbuf struct {
	bytes.Buffer
	lines int
}

type src struct {
	*strings.Reader
	name string
}

func main() {
	g := &guarded{}
	var l Locker = g
	l.Lock()
	g.n++
	l.Unlock()
	var w Writer = &logbuf{}
	w.WriteString("hello")
	fmt.Println(g.n, w.(*logbuf).String())
	var r Reader = src{strings.NewReader("xy"), "s"}
	b, err := r.ReadByte()
	fmt.Println(string(b), err)
	var rd io.Reader = file{}
	_, isCloser := rd.(io.Closer)
	_, isRC := rd.(io.ReadCloser)
	_, isWriter := rd.(io.Writer)
	fmt.Println(isCloser, isRC, isWriter)
}
