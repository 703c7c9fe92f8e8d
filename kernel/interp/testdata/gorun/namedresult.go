// Named results start from their zero value on every call, whichever way
// the call's result is stored; a function whose deferred call recovers a
// panic returns zero unnamed results; a variable assigned a call's result
// changes when the call has returned, not before its deferred calls run or
// while its return statement reads the variable: the same output from go
// run and from the interpreter (TestProgramsMatchGoRun).
package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

func upTo(n int) (xs []int) {
	for i := 0; i < n; i++ {
		xs = append(xs, i)
	}
	return xs
}

func sum(n int) (s int) {
	for i := 1; i <= n; i++ {
		s += i
	}
	return
}

func count(words ...string) (m map[string]int) {
	if m == nil {
		m = map[string]int{}
	}
	for _, w := range words {
		m[w]++
	}
	return
}

type point struct{ x, y int }

func shift(dx int) (p point) {
	p.x += dx
	p.y++
	return
}

func box(v int) (p *int) {
	if p == nil {
		p = new(int)
	}
	*p += v
	return
}

func join(parts ...string) (s string) {
	for _, p := range parts {
		s += p + ";"
	}
	return
}

func check(n int) (err error) {
	if n > 2 {
		err = errors.New("too big")
	}
	return
}

type counter struct{ step int }

func (c counter) steps(n int) (xs []int) {
	for i := 0; i < n; i++ {
		xs = append(xs, i*c.step)
	}
	return
}

func (c *counter) stepsPtr(n int) (xs []int) {
	for i := 0; i < n; i++ {
		xs = append(xs, i*c.step)
	}
	return
}

// down returns the call of itself: the inner call's result is the outer
// call's result slot.
func down(n int) (xs []int) {
	xs = append(xs, n)
	if n > 0 {
		return down(n - 1)
	}
	return
}

// collect assigns its own recursive call to its named result.
func collect(n int) (xs []int) {
	if n == 0 {
		return
	}
	xs = collect(n - 1)
	xs = append(xs, n)
	return
}

var total = 10

// plus writes its result before it reads total, which the caller assigns.
func plus(n int) (r int) {
	r = n
	r += total
	return
}

// safe recovers a panic: its unnamed result is then the zero value.
func safe(n int) []int {
	defer func() { recover() }()
	if n > 2 {
		panic("big")
	}
	return []int{n}
}

func handler() { recover() }

// last recovers in a deferred named function.
func last(xs []int) int {
	defer handler()
	return xs[len(xs)-1]
}

var saved = []int{7}

// fix recovers a panic and sets its named result.
func fix(n int) (xs []int) {
	defer func() {
		if recover() != nil {
			xs = append(xs, -1)
		}
	}()
	xs = append(xs, n)
	if n > 2 {
		panic("big")
	}
	return
}

// over is a condition: the call branches on its named result.
func over(n int) (ok bool) {
	ok = ok || n > 1
	return
}

var seen = 1

// deferred's deferred call reads seen, which its caller assigns.
func deferred() int {
	defer func() { fmt.Println("deferred call sees:", seen) }()
	return 2
}

func both(p *int) (int, int) { return 1, *p }

// forward's call sets its first result, then reads it through p.
func forward() (x, y int) {
	x = 5
	return both(&x)
}

func pair(n int) (a, b []int) {
	a = append(a, n)
	b = append(b, -n)
	return
}

func main() {
	ys := upTo(2)
	ys = upTo(3)
	fmt.Println("slice assigned:", ys)
	for _, n := range []int{2, 3} {
		xs := upTo(n)
		fmt.Println("slice in loop:", xs)
	}

	a := sum(3)
	a = sum(3)
	fmt.Println("int:", a)
	for i := 0; i < 2; i++ {
		fmt.Println("int in loop:", sum(3))
	}

	m := count("a", "b")
	m = count("a")
	fmt.Println("map:", m)

	for i := 0; i < 2; i++ {
		p := shift(5)
		fmt.Println("struct:", p)
	}
	var pt point
	pt = shift(1)
	pt = shift(1)
	fmt.Println("struct assigned:", pt)

	var ps []*int
	for _, v := range []int{1, 2} {
		p := box(v)
		ps = append(ps, p)
	}
	fmt.Println("pointer:", *ps[0], *ps[1], ps[0] != ps[1])

	s := join("a")
	s = join("b", "c")
	fmt.Println("string:", s)

	for _, n := range []int{5, 1} {
		err := check(n)
		fmt.Println("error:", err)
	}

	c := counter{step: 2}
	zs := c.steps(2)
	zs = c.steps(3)
	fmt.Println("method:", zs)
	zs = c.stepsPtr(2)
	zs = c.stepsPtr(3)
	fmt.Println("pointer method:", zs)

	var closure func(int) []int
	closure = func(n int) (xs []int) {
		for i := 0; i < n; i++ {
			xs = append(xs, 10+i)
		}
		return
	}
	for _, n := range []int{1, 2} {
		ws := closure(n)
		fmt.Println("closure:", ws)
	}
	inline := func(n int) (xs []int) {
		xs = append(xs, n)
		return
	}
	vs := inline(1)
	vs = inline(2)
	fmt.Println("func literal:", vs)

	fmt.Println("recursive return:", down(3), down(2))
	rs := collect(2)
	rs = collect(3)
	fmt.Println("recursive assign:", rs)

	total = plus(1)
	fmt.Println("global:", total)

	for _, n := range []int{1, 5, 2} {
		out := safe(n)
		fmt.Println("recovered, unnamed:", out, out == nil)
	}
	saved = safe(9)
	fmt.Println("recovered, global:", saved, saved == nil)
	v := last([]int{4})
	v = last(nil)
	fmt.Println("recovered, deferred function:", v)
	for _, n := range []int{1, 5, 2} {
		out := fix(n)
		fmt.Println("recovered, named:", out)
	}

	for i := 3; i >= 0; i-- {
		if over(i) {
			fmt.Println("condition:", i)
		}
	}

	seen = deferred()
	fmt.Println("assigned:", seen)
	fmt.Println("forwarded:", fmt.Sprint(forward()))

	x, y := pair(1)
	x, y = pair(2)
	fmt.Println("two results:", x, y)

	results := make(chan []int)
	go func() {
		for _, n := range []int{2, 3} {
			results <- upTo(n)
		}
		close(results)
	}()
	for r := range results {
		fmt.Println("goroutine:", r)
	}

	nums := []int{3, 1, 2}
	calls := 0
	sort.Slice(nums, func(i, j int) (less bool) {
		calls++
		less = less || nums[i] < nums[j]
		return
	})
	fmt.Println("sort.Slice:", nums, calls > 0)
	fmt.Println("strings.Map:", strings.Map(func(r rune) (out rune) {
		out += r + 1
		return
	}, "abc"))
}
