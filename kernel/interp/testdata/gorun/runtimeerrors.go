package main

import (
	"errors"
	"fmt"
	"runtime"
)

type T struct{ X int }
type I interface{ M() }

func try(name string, f func()) {
	defer func() {
		r := recover()
		_, isRE := r.(runtime.Error)
		var re runtime.Error
		e, _ := r.(error)
		fmt.Println(name, r, isRE, e != nil && errors.As(e, &re))
	}()
	f()
}

func main() {
	var m map[string]int
	var p *T
	var a any = "str"
	var i I
	z := 0
	ch := make(chan int)
	close(ch)
	try("map", func() { m["a"] = 1 })
	try("nilptr", func() { fmt.Println(p.X) })
	try("assert", func() { _ = a.(int) })
	try("assert2", func() { _ = a.(fmt.Stringer) })
	try("niliface", func() { i.M() })
	try("div", func() { fmt.Println(10 / z) })
	try("close", func() { close(ch) })
	try("send", func() { ch <- 1 })
	try("custom", func() { panic(fmt.Errorf("e%d", 1)) })
	try("str", func() { panic("plain") })
	var fn func()
	try("nilfunc", func() { fn() })
	try("conv", func() { s := []int{1}; _ = [2]int(s) })
}

type plainT struct{ v int }

func init() {
	n := -1
	try("makeslice", func() { _ = make([]int, n) })
	try("makecap", func() { _ = make([]int, 2, n+1) })
	try("assertT", func() {
		var x any = plainT{}
		_ = x.(fmt.Stringer)
	})
}
