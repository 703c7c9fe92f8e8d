// Dot imports: functions and types of the imported packages by their
// own names.
package main

import (
	. "fmt"
	. "strings"
)

func main() {
	Println(ToUpper("x"), Repeat("ab", 2))
	var sb Builder
	sb.WriteString("y")
	Println(sb.String())
}
