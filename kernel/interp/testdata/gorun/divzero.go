// An integer division by zero in a loop: the same message and line.
package main

import "fmt"

func main() {
	for i := range 4 {
		fmt.Println(12 / (2 - i))
	}
}
