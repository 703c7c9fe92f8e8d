// A func type of the program with methods is an interface value for
// compiled code (the http.HandlerFunc pattern): io.ReadAll of a
// readerFunc, fmt.Fprintf to a writerFunc, bufio over them.
package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func lines(n int) readerFunc {
	i := 0
	return func(p []byte) (int, error) {
		if i == n {
			return 0, io.EOF
		}
		i++
		return copy(p, fmt.Sprintf("line %d\n", i)), nil
	}
}

func main() {
	b, err := io.ReadAll(lines(2))
	fmt.Printf("%q %v\n", b, err)
	var got []string
	w := writerFunc(func(p []byte) (int, error) {
		got = append(got, strings.ToUpper(string(p)))
		return len(p), nil
	})
	fmt.Fprintf(w, "%d-%s", 7, "x")
	io.WriteString(w, "tail")
	fmt.Println(got)
	sc := bufio.NewScanner(lines(3))
	for sc.Scan() {
		fmt.Print("[", sc.Text(), "]")
	}
	fmt.Println()
	n, err := io.Copy(w, lines(1))
	fmt.Println(n, err, got[len(got)-1])
}

// A struct reader returned by a call straight into compiled code.
type countdown struct{ n int }

func (c *countdown) Read(p []byte) (int, error) {
	if c.n == 0 {
		return 0, io.EOF
	}
	c.n--
	return copy(p, fmt.Sprint(c.n)), nil
}

func newCountdown(n int) *countdown { return &countdown{n} }

func init() {
	b, err := io.ReadAll(newCountdown(3))
	fmt.Println(string(b), err)
	sc := bufio.NewScanner(io.MultiReader(newCountdown(2), lines(1)))
	for sc.Scan() {
		fmt.Println(sc.Text())
	}
}
