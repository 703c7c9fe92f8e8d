// In a generic function, cases, keys and assertions that coincide for
// some type arguments run as Go runs them: the first matching case wins.
package main

import "fmt"

type Named interface{ Name() string }

type dog struct{}

func (dog) Name() string { return "dog" }

func kind[T any](i any) string {
	switch i.(type) {
	case T:
		return "T"
	case int:
		return "int"
	case string, int32:
		return "string or int32"
	}
	return "other"
}

func keys[T, U comparable](t T, u U) int {
	m := map[any]int{t: 1, u: 2}
	return len(m)
}

func name[T any](v T) string {
	if n, ok := any(v).(Named); ok {
		return n.Name()
	}
	return fmt.Sprint(v)
}

func main() {
	fmt.Println(kind[int](7), kind[string](7), kind[int32]("s"), kind[float64](int32(1)), kind[bool](2.5))
	fmt.Println(keys(1, 1), keys(1, "1"), keys("a", "b"))
	fmt.Println(name(dog{}), name("plain"), name(3))
}
