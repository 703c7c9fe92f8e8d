package main

// Partial instantiation of a generic call (Conv[int]("x") infers U), and a
// type parameter constrained by its pointer's methods (PT interface{ *T;
// Set(string) }), inferred from T or given, converted with PT(&t).

import "fmt"

type Setter[T any] interface {
	*T
	Set(string)
}

type Item struct{ v string }

func (i *Item) Set(s string) { i.v = s }

type Tag struct{ name string }

func (t *Tag) Set(s string) { t.name = "#" + s }

func Make[T any, PT Setter[T]](s string) T {
	var t T
	p := PT(&t)
	p.Set(s)
	return t
}

func MakeAll[T any, PT interface {
	*T
	Set(string)
}](ss ...string) []T {
	out := make([]T, len(ss))
	for i, s := range ss {
		PT(&out[i]).Set(s)
	}
	return out
}

func Conv[T, U any](u U) T {
	var t T
	fmt.Printf("%T ", u)
	return t
}

func main() {
	fmt.Println(Make[Item, *Item]("given"))
	fmt.Println(Make[Item]("inferred"), Make[Tag]("go"))
	fmt.Println(MakeAll[Tag]("a", "b"))
	fmt.Println(Conv[int]("x"), Conv[string](2.5) == "")
}
