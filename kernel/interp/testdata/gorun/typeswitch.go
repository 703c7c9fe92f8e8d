// Type switches and assertions with interface cases, on values declared
// in the program and on compiled ones.
package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

type Shape interface{ Area() float64 }

type Square struct{ S float64 }

func (s Square) Area() float64  { return s.S * s.S }
func (s Square) String() string { return fmt.Sprintf("square(%v)", s.S) }

type Circle struct{ R float64 }

func (c *Circle) Area() float64 { return 3 * c.R * c.R }

type Oops struct{}

func (Oops) Error() string { return "oops" }

type Unwrapper interface{ Unwrap() error }

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprint("integer ", x)
	case Shape:
		return fmt.Sprint("shape of area ", x.Area())
	case error:
		return "error " + x.Error()
	case fmt.Stringer:
		return "stringer " + x.String()
	case io.Reader:
		b, _ := io.ReadAll(x)
		return "reader " + string(b)
	default:
		return fmt.Sprintf("other %v", x)
	}
}

func kind(v any) string {
	switch v.(type) {
	case Shape:
		return "shape"
	case error:
		return "error"
	case fmt.Stringer:
		return "stringer"
	}
	return "other"
}

func main() {

	values := []any{nil, 3, Square{2}, &Circle{1}, Oops{}, errors.New("plain"), "text",
		int64(4), strings.NewReader("abc")}
	for _, v := range values {
		fmt.Println(describe(v), "|", kind(v))
	}
	w := fmt.Errorf("wrapped: %w", Oops{})
	u, ok := w.(Unwrapper)
	fmt.Println(ok, u != nil)
	if ok {
		fmt.Println(u.Unwrap())
	}
	var sh Shape = Square{3}
	if st, ok := sh.(fmt.Stringer); ok {
		fmt.Println(st.String())
	}
	_, isCircle := sh.(*Circle)
	fmt.Println(isCircle)
}
