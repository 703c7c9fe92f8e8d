// Empty marker struct types (type Start struct{}) are distinct types in
// type switches, assertions, comparisons and map keys, and print as {}.

package main

import (
	"encoding/json"
	"fmt"
)

type Start struct{}
type Stop struct{}
type Tick struct{ N int }

func handle(e any) string {
	switch e.(type) {
	case Start:
		return "start"
	case Stop:
		return "stop"
	case Tick:
		return "tick"
	}
	return "?"
}

func main() {
	for _, e := range []any{Stop{}, Start{}, Tick{1}, struct{}{}} {
		fmt.Print(handle(e), " ")
	}
	fmt.Println()
	_, ok := any(Stop{}).(Start)
	b, _ := json.Marshal(map[string]any{"s": Start{}, "t": Tick{2}})
	fmt.Println(ok, Start{} == Start{}, string(b))
	fmt.Printf("%v %+v %#v %T\n", Start{}, Stop{}, Start{}, Stop{})
	var set = map[any]bool{Start{}: true}
	fmt.Println(set[Start{}], set[Stop{}], len(set))
}

type foo struct{}
type bar struct{ A int }

func init() {
	m := map[string]any{"f": &foo{}, "b": &bar{1}, "v": bar{2}, "e": foo{}}
	fmt.Println(m["f"], m["b"], m["v"], m["e"])
	fmt.Printf("%v %+v %T %T\n", m["f"], m["b"], m["f"], m["v"])
	for _ = range []int{1} {
		fmt.Println("blank range")
	}
}
