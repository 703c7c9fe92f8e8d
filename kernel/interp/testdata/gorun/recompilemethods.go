// A range over an int from a compiled call makes the first compile fail and
// be retried; the methods declared then must be the retry's, not zero.
package main

import (
	"fmt"
	"unicode/utf8"
)

type T struct{ v int }

func (t T) Num() int     { return 40 + t.v }
func (t T) Name() string { return "T" }

func other() { fmt.Println("other", T{1}.Num(), T{}.Name()) }

func loop() {
	for range utf8.RuneLen('A') {
	}
}

func main() {
	other()
	loop()
}
