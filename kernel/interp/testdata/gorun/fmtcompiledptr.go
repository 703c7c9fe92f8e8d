package main

// Struct fields that point to compiled types with pointer methods
// (*big.Int, *time.Location, *url.URL) print through their Format or
// String method, as fmt does for any field it can reach.

import (
	"fmt"
	"math/big"
	"net/url"
	"time"
)

type Plain struct{ V *big.Int }

type Zone struct{ L *time.Location }

type Link struct {
	Name string
	U    *url.URL
	Nil  *big.Int
}

func main() {
	fmt.Println(Plain{big.NewInt(5)})
	fmt.Printf("%d %v %+v\n", Plain{big.NewInt(5)}, &Plain{big.NewInt(6)}, Plain{big.NewInt(7)})
	fmt.Println(struct{ V *big.Int }{big.NewInt(7)})
	fmt.Println(Zone{time.UTC})
	fmt.Println([]*big.Int{big.NewInt(6)}, []Plain{{big.NewInt(8)}})
	u, _ := url.Parse("https://example.com/a?b=c")
	fmt.Printf("%v\n%+v\n", Link{"ex", u, nil}, Link{"ex", u, nil})
}
