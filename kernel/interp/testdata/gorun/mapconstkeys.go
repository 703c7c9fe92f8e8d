package main

// Maps read with typed constants folded from expressions (const Editor
// Role = iota + 1, const S string = "a" + "b") as keys.

import "fmt"

const Key int = 1 + 0
const S string = "a" + "b"

type Role int

const (
	Admin Role = iota + 1
	Editor
	Viewer
)

type Level float64

const High Level = 1.5 * 2

func main() {
	m := map[int]string{1: "one"}
	y := m[Key]
	v, ok := m[Key]
	fmt.Println(y, v, ok, m[Key] == "one")
	ms := map[string]int{"ab": 2}
	fmt.Println(ms[S])
	roles := map[Role]string{Editor: "ed", Admin: "ad"}
	fmt.Println(roles[Editor], roles[Admin], roles[Viewer] == "")
	r, found := roles[Viewer]
	fmt.Printf("%q %v\n", r, found)
	lv := map[Level]bool{3: true}
	fmt.Println(lv[High])
	var nilm map[Role]int
	fmt.Println(nilm[Editor])
	delete(roles, Editor)
	roles[Viewer] = "vi"
	fmt.Println(len(roles), roles[Viewer])
}
