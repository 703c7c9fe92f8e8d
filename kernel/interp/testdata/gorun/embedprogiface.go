// A struct that embeds an interface of the program is a compiled
// interface (io.Writer) through the value the field holds, interpreted or
// compiled.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

type Writer interface{ Write(p []byte) (int, error) }

type wrapped struct{ Writer }

type upper struct{ w io.Writer }

func (u upper) Write(p []byte) (int, error) { return u.w.Write(bytes.ToUpper(p)) }

type counting struct {
	Writer
	n int
}

func main() {
	fmt.Fprintf(wrapped{os.Stdout}, "hello %d\n", 42)
	fmt.Fprintf(wrapped{upper{os.Stdout}}, "shout %s\n", "x")
	var buf bytes.Buffer
	c := &counting{Writer: &buf}
	io.Copy(c, strings.NewReader("abc"))
	var iw io.Writer = wrapped{&buf}
	fmt.Fprint(iw, "!")
	fmt.Println(buf.String())
}
