package main

import "fmt"

func main() {
	for i := 0; i < 2; i++ {
		continue inner
	}
	for {
		break outer
	}
	goto nowhere
	goto end
	v, w := 3, 4
end:
	fmt.Println(v, w)
}
