// A program value in an interface field of a compiled struct literal
// (fs.PathError{Err: CodeErr(2)}, url.Error{Err: &MyErr{}}) is wrapped with
// its methods.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os/exec"
	"strings"
)

type CodeErr int

func (c CodeErr) Error() string { return fmt.Sprint("code ", int(c)) }

type MyErr struct{ msg string }

func (e *MyErr) Error() string { return e.msg }

func main() {
	pe := &fs.PathError{Op: "open", Path: "/x", Err: CodeErr(2)}
	fmt.Println(pe)
	var ce CodeErr
	fmt.Println(errors.As(pe, &ce), ce, errors.Is(pe, CodeErr(2)))
	ue := &url.Error{Op: "Get", URL: "http://x", Err: &MyErr{"boom"}}
	fmt.Println(ue, errors.Unwrap(ue))
	var me *MyErr
	fmt.Println(errors.As(ue, &me), me.msg)
	pe2 := fs.PathError{"stat", "/y", CodeErr(3)}
	fmt.Println(pe2.Error())
	ee := &exec.Error{Name: "x", Err: errors.New("plain")}
	fmt.Println(ee)
	r := strings.NewReader("abc")
	_ = r
}
