package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type countingWriter struct {
	io.Writer
	n int
}

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += len(p)
	return c.Writer.Write(p)
}

type upperReader struct{ io.Reader }

func (u upperReader) Read(p []byte) (int, error) {
	n, err := u.Reader.Read(p)
	copy(p, bytes.ToUpper(p[:n]))
	return n, err
}

type rev struct{ sort.Interface }

func (r rev) Less(i, j int) bool { return r.Interface.Less(j, i) }

type named struct{ name string }

func (n named) String() string { return "named:" + n.name }

func main() {
	cw := &countingWriter{Writer: os.Stdout}
	fmt.Fprintln(cw, "hello")
	fmt.Println(cw.n)
	b, _ := io.ReadAll(upperReader{strings.NewReader("abc")})
	fmt.Println(string(b))
	xs := []int{3, 1, 2}
	sort.Sort(rev{sort.IntSlice(xs)})
	fmt.Println(xs)
	var s fmt.Stringer = named{"x"}
	fmt.Printf("%T %v\n", s, s)
	var r io.Reader = upperReader{strings.NewReader("q")}
	fmt.Printf("%T\n", r)
}
