package main

import (
	"errors"
	"fmt"
	"os"
)

type TempErr struct{ op string }

func (e TempErr) Error() string { return e.op + ": temporary" }
func (TempErr) Temporary() bool { return true }

type PermErr struct{}

func (*PermErr) Error() string { return "permanent" }

type temporary interface{ Temporary() bool }

type timeout interface{ Timeout() bool }

func classify(err error) string {
	var t temporary
	if errors.As(err, &t) && t.Temporary() {
		return "retry"
	}
	if _, ok := err.(temporary); ok {
		return "retry (direct)"
	}
	return "fail"
}

func main() {
	fmt.Println(classify(TempErr{"read"}))
	fmt.Println(classify(fmt.Errorf("wrapped: %w", TempErr{"write"})))
	fmt.Println(classify(&PermErr{}))
	fmt.Println(classify(errors.New("plain")))
	var err error = TempErr{"dial"}
	if t, ok := err.(temporary); ok {
		fmt.Println("asserted", t.Temporary(), err)
	}
	var te temporary
	fmt.Println(errors.As(errors.Join(errors.New("a"), TempErr{"x"}), &te), te != nil)
	_, oerr := os.Open("/nonexistent/archlab")
	var to timeout
	fmt.Println(errors.As(oerr, &to), to != nil && !to.Timeout())
	var se fmt.Stringer
	fmt.Println(errors.As(err, &se))
}
