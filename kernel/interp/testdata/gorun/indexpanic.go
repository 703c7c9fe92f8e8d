package main

import (
	"errors"
	"fmt"
	"runtime"
)

func get(xs []int, i int) (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			var re runtime.Error
			if e, ok := r.(error); ok && errors.As(e, &re) {
				err = fmt.Errorf("caught: %v", re)
			} else {
				err = fmt.Errorf("other: %v", r)
			}
		}
	}()
	return xs[i], nil
}

func main() {
	fmt.Println(get([]int{1, 2}, 1))
	fmt.Println(get([]int{1, 2}, 5))
	fmt.Println(get(nil, -1+0))
	s := "héllo"
	fmt.Println(s[1], string(s[0]))
	arr := [3]int{1, 2, 3}
	i := 3
	defer fmt.Println("deferred")
	arr[i%3] = 9
	fmt.Println(arr)
	xs := []string{"a"}
	fmt.Println(xs[i])
}
