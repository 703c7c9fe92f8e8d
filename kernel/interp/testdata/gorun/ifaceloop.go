// A value of a named type made an interface value is a copy, as in Go:
// converted in a loop (append, a map, a struct field, a channel send, an
// explicit conversion, a closure, a method's or a generic function's
// result), each interface keeps its own iteration's value. The same
// output from go run and from the interpreter (TestProgramsMatchGoRun).
package main

import (
	"fmt"
	"strings"
)

type stamp int

func (s stamp) String() string { return fmt.Sprintf("S%d", int(s)) }

type label string

func (l label) String() string { return "L" + string(l) }

type pair struct{ a, b int }

func (p pair) String() string { return fmt.Sprintf("P%d.%d", p.a, p.b) }

type grid [2]int

func (g grid) String() string { return fmt.Sprintf("G%d,%d", g[0], g[1]) }

type shape interface{ area() int }

type sq int

func (s sq) area() int { return int(s) * int(s) }

type rect struct{ w, h int }

func (r rect) area() int { return r.w * r.h }

func mk(i int) fmt.Stringer { return stamp(i) }

type maker struct{ base int }

func (m maker) make(i int) fmt.Stringer { return stamp(m.base + i) }

func conv[T fmt.Stringer](v T) fmt.Stringer { return v }

func each[T any](xs []T) []any {
	var out []any
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}

type holder struct{ s fmt.Stringer }

func main() {
	var direct []fmt.Stringer
	for i := 0; i < 3; i++ {
		direct = append(direct, stamp(i))
	}
	fmt.Println(direct)

	var declared []fmt.Stringer
	for i := 0; i < 3; i++ {
		var s fmt.Stringer = stamp(i)
		declared = append(declared, s)
	}
	fmt.Println(declared)

	var explicit []fmt.Stringer
	for i := 0; i < 3; i++ {
		explicit = append(explicit, fmt.Stringer(stamp(i)))
	}
	fmt.Println(explicit)

	var viaVar []fmt.Stringer
	for i := 0; i < 3; i++ {
		v := stamp(i)
		viaVar = append(viaVar, v)
	}
	fmt.Println(viaVar)

	var strs []fmt.Stringer
	for _, w := range []string{"a", "b", "c"} {
		strs = append(strs, label(w))
	}
	fmt.Println(strs)

	var structs []fmt.Stringer
	for i := 0; i < 3; i++ {
		structs = append(structs, pair{i, i * 10})
	}
	fmt.Println(structs)

	m := map[int]fmt.Stringer{}
	for i := 0; i < 3; i++ {
		m[i] = stamp(i)
	}
	fmt.Println(m[0], m[1], m[2])

	hs := make([]holder, 3)
	for i := range hs {
		hs[i].s = stamp(i * 2)
	}
	fmt.Println(hs[0].s, hs[1].s, hs[2].s)

	var lits []holder
	for i := 0; i < 3; i++ {
		lits = append(lits, holder{s: stamp(i + 5)})
	}
	fmt.Println(lits[0].s, lits[1].s, lits[2].s)

	ch := make(chan fmt.Stringer, 3)
	for i := 0; i < 3; i++ {
		ch <- stamp(i + 7)
	}
	close(ch)
	var got []string
	for s := range ch {
		got = append(got, s.String())
	}
	fmt.Println(strings.Join(got, ","))

	var fs []func() fmt.Stringer
	for i := 0; i < 3; i++ {
		var s fmt.Stringer = stamp(i)
		fs = append(fs, func() fmt.Stringer { return s })
	}
	for _, f := range fs {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	mm := maker{100}
	var made []fmt.Stringer
	for i := 0; i < 3; i++ {
		made = append(made, mm.make(i), mk(i))
	}
	fmt.Println(made)

	var gen []fmt.Stringer
	for i := 0; i < 3; i++ {
		gen = append(gen, conv(stamp(i)))
	}
	fmt.Println(gen)
	for _, v := range each([]stamp{4, 5, 6}) {
		fmt.Print(v, " ")
	}
	fmt.Println()

	var shapes []shape
	for i := 1; i <= 3; i++ {
		shapes = append(shapes, sq(i), rect{i, i + 1})
	}
	var areas []int
	for _, s := range shapes {
		areas = append(areas, s.area())
	}
	fmt.Println(areas)

	var anys []any
	for i := 0; i < 3; i++ {
		anys = append(anys, stamp(i), pair{i, i})
	}
	for _, a := range anys {
		fmt.Print(a, " ")
	}
	fmt.Println()

	var arr [3]fmt.Stringer
	for i := 0; i < 3; i++ {
		arr[i] = stamp(i * 3)
	}
	fmt.Println(arr)

	var conv2 []shape
	for i := 1; i <= 3; i++ {
		conv2 = append(conv2, shape(sq(i)), shape(rect{i, 2}))
	}
	for _, s := range conv2 {
		fmt.Print(s.area(), " ")
	}
	fmt.Println()

	var grids []fmt.Stringer
	for i := 0; i < 3; i++ {
		grids = append(grids, grid{i, -i})
	}
	fmt.Println(grids)

	var later []func() string
	for i := 0; i < 3; i++ {
		later = append(later, func() string {
			var s fmt.Stringer = stamp(i * 10)
			return s.String()
		})
	}
	for _, f := range later {
		fmt.Print(f(), " ")
	}
	fmt.Println()

	x := stamp(1)
	var before fmt.Stringer = x
	x = 2
	p := pair{1, 2}
	var ps fmt.Stringer = p
	var pa any = p
	p.a = 100
	fmt.Println(before, x, ps, pa, p)
}
