package main

// Two struct types of the program with the same fields are distinct types:
// type switches, assertions and comparisons of interface values tell them
// apart, conversions between them work, and uncomparable ones are named in
// the run-time error. A type switch clause with a binding and no statements
// goes on after the switch.

import "fmt"

type Celsius struct{ V float64 }
type Fahrenheit struct{ V float64 }

type Click struct{ X, Y int }
type Move struct{ X, Y int }

type Dog struct{ tricks []string }

func kind(e any) string {
	switch v := e.(type) {
	case Click:
		return fmt.Sprint("click ", v.X, v.Y)
	case Move:
		return fmt.Sprint("move ", v.X, v.Y)
	case string:
	}
	return "other"
}

func main() {
	var x any = Fahrenheit{212}
	switch x.(type) {
	case Celsius:
		fmt.Println("Celsius")
	case Fahrenheit:
		fmt.Println("Fahrenheit")
	}
	_, ok := x.(Celsius)
	fmt.Println(ok, x == any(Fahrenheit{212}), x == any(Celsius{212}))
	c := Celsius(x.(Fahrenheit))
	fmt.Printf("%v %T %+v\n", c, c, c)
	for _, e := range []any{Click{1, 2}, Move{3, 4}, "s", 5} {
		fmt.Println(kind(e))
	}
	func() {
		defer func() { fmt.Println(recover()) }()
		var a, b any = Dog{}, Dog{}
		fmt.Println(a == b)
	}()
	func() {
		defer func() { fmt.Println(recover()) }()
		m := map[any]int{}
		m[Dog{}] = 1
	}()
}
