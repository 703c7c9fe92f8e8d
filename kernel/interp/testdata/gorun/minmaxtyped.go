package main

// min and max of typed constants keep the constants' type.

import "fmt"

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1fC", float64(c)) }

func main() {
	a, b := Celsius(1), Celsius(2)
	fmt.Println(max(a, b), min(a, b))
	fmt.Println(max(Celsius(3), 2))
	fmt.Printf("%T %T\n", max(a, b), max(Celsius(3), 2))
	var x float64 = 2
	fmt.Println(min(x, 1, 3), max(1, 2.5))
}
