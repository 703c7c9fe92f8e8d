package main

import "fmt"

type S struct{ n int }

func (s *S) String() string { return fmt.Sprint("S", s.n) }

type V struct{}

func (V) String() string { return "V" }

type namer interface{ Name() string }

type P struct{}

func (*P) Name() string { return "p" }

func kind(x any) string {
	switch v := x.(type) {
	case fmt.Stringer:
		return "stringer " + v.String()
	case namer:
		return "namer " + v.Name()
	default:
		return "other"
	}
}

func main() {
	fmt.Println(kind(S{1}), "|", kind(&S{2}), "|", kind(V{}), "|", kind(&V{}))
	fmt.Println(kind(P{}), "|", kind(&P{}))
	var x any = S{3}
	_, ok := x.(fmt.Stringer)
	_, ok2 := x.(namer)
	var y any = &P{}
	_, ok3 := y.(namer)
	fmt.Println(ok, ok2, ok3)
	defer func() { fmt.Println("recovered:", recover()) }()
	_ = x.(fmt.Stringer)
}
