package main

import (
	"fmt"
	"strings"
	"time"
)

type ev struct {
	name string
	at   time.Duration
	At   time.Duration
	sb   *strings.Builder
	tags map[string][]int
}

type wrap struct{ inner *ev }

func main() {
	e := ev{name: "x", at: time.Second, At: time.Minute, tags: map[string][]int{"b": {2}, "a": {1}}}
	fmt.Printf("%v\n%+v\n", e, e)
	fmt.Printf("%s|%d|%q\n", e.name, e.at, []string{e.name})
	var np *ev
	fmt.Printf("%v %+v\n", np, wrap{} == wrap{})
	fmt.Printf("%x %X % x\n", "hi", []byte("hi"), "hi")
	fmt.Printf("%6.2v|%-8v|%08v\n", 3.14159, "ab", 42)
	fmt.Println(fmt.Sprintf("%[2]v %[1]v %T", e.name, e.at, e))
	fmt.Printf("%v %d\n", []ev{}, []int(nil))
	fmt.Printf("%s\n", e)
}
