package main

import "fmt"

func main() {
	c := 'b'
	switch c {
	case 'a', 'b':
		fmt.Println("ab")
	case 'b': // go: duplicate case 'b' in expression switch
		fmt.Println("b")
	}
}
