// == and != between a value and a constant of a named type built from an
// expression (1 << iota, "/" + "root") compare the values.
package main

import "fmt"

type Perm int

const (
	Read Perm = 1 << iota
	Write
	Exec
)

type Path string

const Root Path = "/" + "root"

func main() {
	fmt.Println(Read, Write, Exec)
	p := Perm(2)
	fmt.Println(p == Write, Write == 2, p == 2)
	r := Path("/root")
	fmt.Println(r == Root, Root, len(Root), r == "/root")
	const x Path = "a" + "b"
	fmt.Println(Path("ab") == x)
}

func init() {
	p := Perm(2)
	fmt.Println(p != Write, Write != p, p != Exec, Root != "x", Write == p)
	switch p {
	case Write:
		fmt.Println("write")
	}
}
