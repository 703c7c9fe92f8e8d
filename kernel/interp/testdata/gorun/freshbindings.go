// The variable of a type switch's clause and of a select's case x := <-ch
// is a new one each time the clause runs, as a loop body's definitions
// are: pointers to it and closures over it keep their own value.
package main

import (
	"fmt"
	"strings"
)

func main() {
	ch := make(chan int, 3)
	var ptrs []*int
	var fs []func() int
	for i := 0; i < 3; i++ {
		ch <- i
		select {
		case x, ok := <-ch:
			if ok {
				ptrs = append(ptrs, &x)
				fs = append(fs, func() int { return x * 10 })
			}
		}
	}
	for i := range ptrs {
		fmt.Print(*ptrs[i], fs[i](), " ")
	}
	fmt.Println()

	var printers []func() string
	for _, item := range []any{1, "two", 3.5, []int{4}, nil} {
		switch v := item.(type) {
		case int:
			printers = append(printers, func() string { return fmt.Sprint("int ", v+1) })
		case string:
			printers = append(printers, func() string { return strings.ToUpper(v) })
		case float64, []int:
			printers = append(printers, func() string { return fmt.Sprintf("%T %v", v, v) })
		default:
			printers = append(printers, func() string { return fmt.Sprint("other ", v) })
		}
	}
	for _, p := range printers {
		fmt.Println(p())
	}

	var ts []*int
	for i := 0; i < 3; i++ {
		var a any = i
		switch t := a.(type) {
		case int:
			ts = append(ts, &t)
		}
	}
	for _, p := range ts {
		fmt.Print(*p, " ")
	}
	fmt.Println()
}
