// A slice, array, map or pointer of a named basic type ([]Celsius) keeps its
// type in an interface: type switches, assertions, fmt and json see it.
package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
)

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Fahrenheit float64

type Status int

func (s Status) MarshalJSON() ([]byte, error) { return json.Marshal([]string{"off", "on"}[s]) }

type IDs []int

func main() {
	temps := []Celsius{20, 25}
	var v any = temps
	fmt.Println(v)
	fmt.Printf("%v %T\n", v, v)
	switch v.(type) {
	case []Fahrenheit:
		fmt.Println("fahrenheit")
	case []Celsius:
		fmt.Println("celsius")
	}
	_, isFloats := v.([]float64)
	back, ok := v.([]Celsius)
	fmt.Println(isFloats, back, ok, len(back))
	m := map[string]any{"s": []Status{1, 0}, "one": Status(1), "ids": IDs{1, 2}}
	b, _ := json.Marshal(m)
	fmt.Println(string(b))
	var w any = [2]Celsius{1, 2}
	arr := w.([2]Celsius)
	fmt.Println(w, arr[1], reflect.DeepEqual(v, []float64{20, 25}))
	mm := map[string]Celsius{"a": 1}
	var z any = mm
	fmt.Println(z, z.(map[string]Celsius)["a"])
	xs := []any{temps, []float64{1}}
	for _, x := range xs {
		switch x.(type) {
		case []Celsius:
			fmt.Println("C")
		case []float64:
			fmt.Println("F64")
		}
	}
	c := Celsius(3)
	var pc any = &c
	_, isPF := pc.(*float64)
	fmt.Println(*pc.(*Celsius), isPF)
	sort.Slice(temps, func(i, j int) bool { return temps[i] > temps[j] })
	fmt.Println(temps, v)
}
