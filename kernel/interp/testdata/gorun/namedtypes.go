package main

import (
	"encoding/json"
	"fmt"
)

type Celsius float64
type ID int
type Name string
type Ints []int
type Labels map[string]string

func describe(x any) string {
	switch v := x.(type) {
	case Celsius:
		return fmt.Sprintf("Celsius %.1f", float64(v))
	case float64:
		return fmt.Sprintf("float64 %.1f", v)
	case ID:
		return fmt.Sprint("ID ", int(v))
	case int:
		return fmt.Sprint("int ", v)
	case Ints:
		return fmt.Sprint("Ints ", len(v))
	case []int:
		return fmt.Sprint("[]int ", len(v))
	}
	return fmt.Sprintf("other %T", x)
}

func main() {
	for _, x := range []any{Celsius(1.5), 2.5, ID(3), 4, Ints{1, 2}, []int{1}, Name("n"), Labels{"a": "b"}} {
		fmt.Println(describe(x))
	}
	var x any = Celsius(1.5)
	f, ok := x.(float64)
	c, ok2 := x.(Celsius)
	fmt.Println(f, ok, c, ok2)
	fmt.Println(any(ID(3)) == any(3), any(ID(3)) == any(ID(3)), x == any(Celsius(1.5)))
	b, err := json.Marshal(map[string]any{"id": ID(7), "ints": Ints{1}, "t": Celsius(2)})
	fmt.Println(string(b), err)
	fmt.Printf("%v %T %v\n", x, x, []any{ID(1), Name("z")})
}
