// reflect.DeepEqual compares what interfaces hold, whatever the types of
// the values, wherever they were converted.
package main

import (
	"fmt"
	"reflect"
)

type ID int
type Celsius float64
type IDs []int

type node struct {
	val  any
	next *node
}

type pair struct {
	a, b any
}

func same(x, y any) bool { return reflect.DeepEqual(x, y) }

func main() {
	type T struct{ a, b string }
	type S []T
	e := make(S, 2)
	fmt.Println(same(append(S{}), S{}), same(append(S{}, e...), e), same(S{T{"x", "y"}}, S{T{"x", "y"}}))
	fmt.Println(same(S{T{"x", "y"}}, S{T{"x", "z"}}), same(S{}, S(nil)))
	var a, b any = IDs{1, 2}, IDs{1, 2}
	fmt.Println(reflect.DeepEqual(a, b), same(IDs{1}, []int{1}))
	fmt.Println(same(ID(1), ID(1)), same(ID(1), 1), same(ID(1), ID(2)))
	fmt.Println(same([]any{ID(1), "x", IDs{3}}, []any{ID(1), "x", IDs{3}}))
	fmt.Println(same([]any{ID(1)}, []any{1}))
	fmt.Println(same(map[string]any{"k": IDs{1}}, map[string]any{"k": IDs{1}}))
	fmt.Println(same(map[any]int{ID(1): 1}, map[any]int{ID(1): 1}))
	fmt.Println(same(pair{ID(1), IDs{2}}, pair{ID(1), IDs{2}}), same(pair{ID(1), nil}, pair{ID(1), 0}))

	l1 := &node{val: ID(1)}
	l1.next = l1
	l2 := &node{val: ID(1)}
	l2.next = l2
	fmt.Println(same(l1, l2))
	l3 := &node{val: ID(2)}
	l3.next = l3
	fmt.Println(same(l1, l3))

	fmt.Println(same([]Celsius{1}, []float64{1}), same([]Celsius{1}, []Celsius{1}), same(any(3.0), 3.0))
	var f func()
	fmt.Println(same(f, f), same(nil, nil), same(nil, (*int)(nil)))
	fmt.Println(same([]float64{1}, []float64{1}), same(map[int]int{}, map[int]int(nil)))
	var e1, e2 error = fmt.Errorf("x"), fmt.Errorf("x")
	fmt.Println(same(e1, e2))
}
