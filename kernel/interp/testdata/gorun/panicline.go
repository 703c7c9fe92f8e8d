// A panic's line: go run prints it in its trace, the interpreter in the
// cell error (TestProgramsMatchGoRun compares the line).
package main

import "fmt"

func check(n int) {
	if n > 1 {
		panic(fmt.Sprint("too big: ", n))
	}
}

func main() {
	for i := range 3 {
		check(i)
	}
}
