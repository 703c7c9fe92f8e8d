// Labels live apart from other names in Go: a label may share its name
// with a variable, a func, a type, a package-level variable or a package.
package main

import (
	"fmt"
	"strings"
)

var done = false

type outer struct{}

func retry() int { return 1 }

func main() {
	x := 1
x:
	for {
		x++
		if x > 3 {
			break x
		}
	}
	n := 0
retry:
	for {
		n++
		if n < 3 {
			continue retry
		}
		break
	}
	m := 0
outer:
	for i := 0; i < 2; i++ {
		for {
			m++
			break outer
		}
	}
	k := 0
	for {
		k++
		if k > 2 {
			goto done
		}
	}
done:
	var b strings.Builder
strings:
	for i := range 5 {
		if i == 3 {
			break strings
		}
		b.WriteByte('a' + byte(i))
	}
	fmt.Println(x, n, retry(), m, outer{}, k, done, b.String())
}
