package main

// []byte and []rune of a string have the capacity of their length.

import "fmt"

func main() {
	b := []byte("abc")
	r := []rune("héllo")
	fmt.Println(len(b), cap(b), len(r), cap(r))
	b = append(b, 'd')
	fmt.Println(string(b), cap(b) >= 4)
	defer func() { fmt.Println("recovered:", recover()) }()
	fmt.Println(b[:3][:5])
	c := []byte("xyz")
	fmt.Println(c[:5])
}
