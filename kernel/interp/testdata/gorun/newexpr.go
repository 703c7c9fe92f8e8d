package main

// new(expr) (Go 1.26): a new variable holding the value of expr, typed as
// expr is (new(8080) is an *int), beside new(T).

import "fmt"

type P struct{ X, Y int }

func main() {
	p := new(P)
	p.X = 3
	q := new(P{1, 2})
	r := new([]int)
	s := new(map[string]int)
	t := new(struct{ A int })
	f := new(2.5)
	b := new(true)
	x := 5
	y := new(x * 2)
	x = 9
	fmt.Println(*p, *q, *r == nil, *s == nil, *t, *f, *b, *y)
	type Celsius float64
	c := new(Celsius(36.6))
	fmt.Printf("%T %v\n", c, *c)
	type Cfg struct {
		Name *string
		Port *int
	}
	cfg := Cfg{Name: new("srv"), Port: new(8080)}
	fmt.Println(*cfg.Name, *cfg.Port)
	str := new(fmt.Sprint("x", 1))
	fmt.Printf("%T %q\n", str, *str)
}
