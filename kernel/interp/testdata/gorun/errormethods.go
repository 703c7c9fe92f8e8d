package main

// An interpreted error's own Is and As methods are used by errors.Is and
// errors.As, through fmt.Errorf's %w and errors.Join; a target that is not
// an error or an interface panics as in Go.

import (
	"errors"
	"fmt"
	"io/fs"
)

type codeErr struct{ code int }

func (c codeErr) Error() string { return fmt.Sprint("code ", c.code) }

// Is matches any codeErr of the same hundred.
func (c codeErr) Is(target error) bool {
	t, ok := target.(codeErr)
	return ok && t.code/100 == c.code/100
}

type tempErr struct{ msg string }

func (t *tempErr) Error() string { return t.msg }
func (t *tempErr) Is(target error) bool {
	return target == errTemporary
}

var errTemporary = errors.New("temporary")

type myErr struct{ s string }

func (m *myErr) Error() string { return m.s }

type asErr struct{}

func (asErr) Error() string { return "as" }
func (asErr) As(t any) bool {
	switch p := t.(type) {
	case **myErr:
		*p = &myErr{"converted"}
		return true
	case **fs.PathError:
		*p = &fs.PathError{Op: "open", Path: "/x", Err: fs.ErrNotExist}
		return true
	}
	return false
}

type coder interface{ Code() int }

type withCode struct{}

func (withCode) Error() string { return "with code" }
func (withCode) As(t any) bool {
	if p, ok := t.(*coder); ok {
		*p = codeImpl(7)
		return true
	}
	return false
}

type codeImpl int

func (c codeImpl) Code() int { return int(c) }

func main() {
	fmt.Println(errors.Is(codeErr{404}, codeErr{400}), errors.Is(codeErr{404}, codeErr{500}))
	wrapped := fmt.Errorf("request: %w", codeErr{503})
	fmt.Println(errors.Is(wrapped, codeErr{500}))
	joined := errors.Join(errors.New("a"), &tempErr{"busy"})
	fmt.Println(errors.Is(joined, errTemporary), errors.Is(joined, codeErr{1}))

	var me *myErr
	fmt.Println(errors.As(fmt.Errorf("ctx: %w", asErr{}), &me), me)
	var pe *fs.PathError
	fmt.Println(errors.As(asErr{}, &pe), pe.Op, pe.Path)
	var c coder
	fmt.Println(errors.As(withCode{}, &c), c.Code())

	defer func() { fmt.Println("recovered:", recover()) }()
	var n int
	errors.As(wrapped, &n)
}
