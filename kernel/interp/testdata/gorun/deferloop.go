// A deferred func literal in a loop sees its own iteration's variables, as
// any func literal does (the interpreter ran it with the last iteration's:
// [3 3 3]), in for and range loops, nested loops, with a variable declared
// in the body, and with recover; one outside a loop sees the variables as
// they are when it runs.
package main

import (
	"errors"
	"fmt"
)

func forLoop() (out []int) {
	for i := 0; i < 3; i++ {
		defer func() { out = append(out, i) }()
	}
	return nil
}

func rangeLoop() []string {
	var out []string
	func() {
		for k, v := range []string{"a", "b", "c"} {
			defer func() { out = append(out, fmt.Sprint(k, v)) }()
		}
	}()
	return out
}

func nested() []string {
	var out []string
	func() {
		for i := 0; i < 2; i++ {
			for j := 0; j < 2; j++ {
				x := i*10 + j
				defer func() { out = append(out, fmt.Sprint(i, j, x)) }()
			}
		}
	}()
	return out
}

func safeDiv(xs []int) (res []string) {
	for _, d := range xs {
		func() {
			defer func() {
				if r := recover(); r != nil {
					res = append(res, fmt.Sprint("recovered for ", d, ": ", r))
				}
			}()
			res = append(res, fmt.Sprint(10/d))
		}()
	}
	return res
}

func recoverInLoop() (err error) {
	for i := 0; i < 3; i++ {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("iteration %d recovered %v", i, r)
			}
		}()
	}
	panic("boom")
}

func namedResult() (n int, err error) {
	defer func() {
		if err != nil {
			n = -1
		}
	}()
	n = 5
	err = errors.New("bad")
	return n, err
}

func laterAssign() {
	x := 1
	defer func() { fmt.Println("deferred sees x =", x) }()
	x = 2
	y := []int{1}
	defer func() { fmt.Println("deferred sees y =", y) }()
	y = append(y, 2)
}

func main() {
	fmt.Println(forLoop())
	fmt.Println(rangeLoop())
	fmt.Println(nested())
	fmt.Println(safeDiv([]int{2, 0, 5}))
	fmt.Println(recoverInLoop())
	fmt.Println(namedResult())
	laterAssign()
}
