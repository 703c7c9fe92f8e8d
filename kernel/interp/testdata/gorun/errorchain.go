// Error types declared in the program, through the errors package and
// fmt.Errorf's %w: Is, As, Unwrap and Join follow the chain as in Go.
package main

import (
	"errors"
	"fmt"
	"strconv"
)

var ErrEmpty = errors.New("empty")

type ValidationError struct {
	Field string
	Err   error
}

func (v ValidationError) Error() string { return v.Field + ": " + v.Err.Error() }
func (v ValidationError) Unwrap() error { return v.Err }

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

type Conflict struct{ Key string }

func (e *Conflict) Error() string { return "conflict: " + e.Key }

type Multi struct{ errs []error }

func (m Multi) Error() string   { return fmt.Sprint(len(m.errs), " errors") }
func (m Multi) Unwrap() []error { return m.errs }

func find(k string) (int, error) {
	switch k {
	case "missing":
		return 0, &NotFound{k}
	case "taken":
		return 0, fmt.Errorf("find %q: %w", k, &Conflict{k})
	}
	n, err := strconv.Atoi(k)
	if err != nil {
		return 0, fmt.Errorf("find %q: %w", k, err)
	}
	return n, nil
}

func main() {
	var err error = ValidationError{"name", ErrEmpty}
	fmt.Println(err, errors.Is(err, ErrEmpty))
	w := fmt.Errorf("save: %w", err)
	fmt.Println(w, errors.Is(w, ErrEmpty), errors.Unwrap(w) == err)
	var ve ValidationError
	fmt.Println(errors.As(w, &ve), ve.Field)

	for _, k := range []string{"12", "missing", "taken", "zz"} {
		n, err := find(k)
		var nf *NotFound
		var cf *Conflict
		var ne *strconv.NumError
		fmt.Println(k, n, err, errors.As(err, &nf), errors.As(err, &cf), errors.As(err, &ne), errors.Is(err, strconv.ErrSyntax))
		if nf != nil {
			fmt.Println("  key", nf.Key)
		}
	}

	target := &NotFound{"t"}
	var e2 error = target
	fmt.Println(errors.Is(fmt.Errorf("a: %w", e2), e2), errors.Is(fmt.Errorf("a: %w", e2), &NotFound{"t"}))

	j := errors.Join(errors.New("a"), &NotFound{"j"}, ErrEmpty)
	var nf *NotFound
	fmt.Println(errors.Is(j, ErrEmpty), errors.As(j, &nf), nf.Key)
	m := Multi{[]error{&Conflict{"m"}, ErrEmpty}}
	var cf *Conflict
	fmt.Println(m, errors.Is(m, ErrEmpty), errors.As(fmt.Errorf("x: %w", m), &cf), cf.Key)

	var s fmt.Stringer
	fmt.Println(s == nil, errors.Unwrap(ErrEmpty) == nil)
}
