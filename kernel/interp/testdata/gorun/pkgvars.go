// A compiled package's variables are variables: assignments of any
// expression reach them, and a copy of one keeps the value it had.
package main

import (
	"fmt"
	"os"
	"runtime"
)

func main() {
	saved := os.Args
	os.Args = []string{"prog", "-v"}
	fmt.Println(os.Args, len(os.Args))
	os.Args = append(os.Args, "extra")
	x := os.Args
	var y = os.Args
	var z []string
	z = os.Args
	os.Args = []string{"other"}
	fmt.Println(x, y, z, os.Args)
	os.Args[0] = "renamed"
	fmt.Println(os.Args[0])
	os.Args = saved

	old := runtime.MemProfileRate
	runtime.MemProfileRate = 0
	fmt.Println(runtime.MemProfileRate)
	runtime.MemProfileRate = len(x) * 1000
	r := runtime.MemProfileRate
	fmt.Println(r)
	runtime.MemProfileRate = old
}
