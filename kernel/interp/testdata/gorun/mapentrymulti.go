// Map entries on the left of an assignment from a compiled function's
// several results: m["a"], err = strconv.Atoi(s).
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

type rec struct{ vals map[string]float64 }

func parse(s string) (int, error) { return strconv.Atoi(s) }

func main() {
	m := make(map[string]int)
	var err error
	m["a"], err = strconv.Atoi("123")
	fmt.Println(m["a"], err)
	m["b"], err = strconv.Atoi("x")
	fmt.Println(m["b"], err != nil, len(m))
	m["c"], err = parse("7")
	fmt.Println(m["c"], err)
	r := rec{vals: map[string]float64{}}
	r.vals["pi"], err = strconv.ParseFloat("3.14", 64)
	fmt.Println(r.vals, err)
	anyM := map[string]any{}
	anyM["n"], err = strconv.ParseBool("true")
	fmt.Println(anyM, err)
	parts := map[int]string{}
	parts[1], _, _ = strings.Cut("k=v", "=")
	fmt.Println(parts)
	var ok bool
	env := map[string]string{}
	env["HOME"], ok = os.LookupEnv("ARCHLAB_SURELY_UNSET_VAR")
	fmt.Println(len(env), ok)
}
