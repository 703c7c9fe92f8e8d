// A verb a pointer does not take names the pointer's type as Go does.
package main

import "fmt"

type pt struct{ x, y int }

func main() {
	var np *pt
	fmt.Printf("%s|%d|%v|%+v|%t\n", np, np, np, np, np)
	var ch chan int
	var f func()
	fmt.Printf("%s %s\n", ch, f)
	var ip *int
	fmt.Printf("%s %q\n", ip, np)
}
