// A generic call yaegi cannot infer is retried with its type arguments
// written; the program's methods still run their bodies.
package main

import "fmt"

type T struct{ v int }

func (t T) Num() int { return 40 + t.v }

type Box[X any] struct{ V X }

func Then[A, B any](b Box[A], f func(A) Box[B]) Box[B] { return f(b.V) }

func main() {
	r := Then(Box[string]{"hi"}, func(s string) Box[int] { return Box[int]{len(s)} })
	fmt.Println(r.V, T{1}.Num())
}
