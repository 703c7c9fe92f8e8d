// A nil value of a program interface with a String or Error method
// printed by fmt: <nil>, no method call.

package main

import "fmt"

type Expr interface {
	String() string
}

func f(e Expr) string { return fmt.Sprintf("%T|%v|%s", e, e, e) }

func main() {
	var e Expr
	fmt.Printf("%T %v\n", e, e)
	fmt.Println(f(nil))
	fmt.Println(fmt.Sprint(e), e == nil)
}

type Problem interface {
	error
	Severity() int
}

func find(ok bool) Problem { return nil }

func init() {
	p := find(false)
	fmt.Println(p, p == nil)
	fmt.Printf("%v %T\n", p, p)
	var ps []Problem = make([]Problem, 2)
	fmt.Println(ps, len(ps))
}
