// Values of program interfaces that embed compiled ones (error, io.Reader,
// sort.Interface, fmt.Stringer) passed to the standard library.

package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

type CodedError interface {
	error
	Code() int
}

type E struct{ c int }

func (e E) Error() string { return fmt.Sprint("boom ", e.c) }
func (e E) Code() int     { return e.c }

type Named interface {
	fmt.Stringer
	Name() string
}

type P struct{ n string }

func (p P) String() string { return "P(" + p.n + ")" }
func (p P) Name() string   { return p.n }

type RW interface {
	io.Reader
	Tag() string
}

type R struct{ *strings.Reader }

func (R) Tag() string { return "r" }

type Sorter interface {
	sort.Interface
	Name() string
}

type nums []int

func (n nums) Len() int           { return len(n) }
func (n nums) Less(i, j int) bool { return n[i] < n[j] }
func (n nums) Swap(i, j int)      { n[i], n[j] = n[j], n[i] }
func (n nums) Name() string       { return "nums" }

func main() {
	var e CodedError = E{7}
	fmt.Println(errors.Unwrap(e), e, e.Code())
	wrapped := fmt.Errorf("ctx: %w", e)
	fmt.Println(wrapped, errors.Is(wrapped, e))
	var target E
	fmt.Println(errors.As(wrapped, &target), target.c)
	fmt.Println(errors.Join(e, errors.New("other")))
	var nm Named = P{"x"}
	fmt.Println(nm, fmt.Sprint(nm), strings.ToUpper(nm.String()))
	fmt.Fprintln(os.Stdout, nm)
	var rw RW = R{strings.NewReader("hello")}
	b, _ := io.ReadAll(rw)
	fmt.Println(string(b), rw.Tag())
	var s Sorter = nums{3, 1, 2}
	sort.Sort(s)
	fmt.Println(s, s.Name(), sort.IsSorted(s))
}
