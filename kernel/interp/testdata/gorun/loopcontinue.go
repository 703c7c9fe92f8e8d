// A loop that changes its variable and uses continue, with slice
// expressions and addresses in its body that keep no reference to the
// variable (a hand-written tokenizer), runs as Go runs it.
package main

import "fmt"

func main() {
	s := "ab  cd e"
	var words []string
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			continue
		}
		start := i
		for i < len(s) && s[i] != ' ' {
			i++
		}
		words = append(words, s[start:i])
	}
	total := 0
	p := &total
	for i := 0; i < 10; i++ {
		if i%3 == 0 {
			i++
			continue
		}
		*p += i
		buf := []int{i, i}
		q := &buf[0]
		*q++
		total += buf[0] - i - 1
	}
	fmt.Println(total)
	fmt.Printf("%q\n", words)
}
