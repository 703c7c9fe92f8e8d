// real and imag of untyped complex constants are untyped float constants,
// and f(nil...) passes no variadic arguments.
package main

import "fmt"

const c = 1 + 2i
const r = real(c)
const im = imag(c)

func consts() {
	const d = 3 - 4i
	fmt.Println(real(c), imag(c), r, im, real(d), imag(d))
	var z complex64 = 5 + 6i
	fmt.Println(real(z), imag(z))
	x := real(c) * 2
	fmt.Printf("%T %v %T\n", x, x, imag(z))
	var f32 float32 = real(c)
	fmt.Println(f32, real(2i), imag(7))
}

func count(xs ...int) int { return len(xs) }
func anys(xs ...any) int  { return len(xs) }

func main() {
	consts()
	fmt.Println(count(nil...), anys(nil...), anys(nil), count())
	fmt.Println(fmt.Sprint(nil...) == "")
}
