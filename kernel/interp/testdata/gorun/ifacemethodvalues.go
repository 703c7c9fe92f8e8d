// Method values of compiled interfaces: taken from an io.Writer variable,
// promoted from an embedded io.Reader, with and without parameters.
package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

type W struct {
	io.Reader
}

type readerFunc func([]byte) (int, error)

type RC struct {
	io.ReadCloser
}

func main() {
	var buf bytes.Buffer
	var w io.Writer = &buf
	write := w.Write
	n, err := write([]byte("ab"))
	fmt.Println(n, err, buf.String())

	r := W{strings.NewReader("hello")}
	rd := r.Read
	f := readerFunc(rd)
	p := make([]byte, 3)
	n, err = f(p)
	fmt.Println(n, err, string(p))
	n, err = r.Read(p)
	fmt.Println(n, err, string(p[:n]))

	rc := RC{io.NopCloser(strings.NewReader("x"))}
	closeIt := rc.Close
	fmt.Println(closeIt())
	var s fmt.Stringer = &buf
	str := s.String
	fmt.Println(str())
}
