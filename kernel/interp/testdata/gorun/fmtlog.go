package main

import (
	"encoding/json"
	"fmt"
	"log"
	"os"
	"strings"
)

type temp float64

func (t temp) String() string               { return fmt.Sprintf("%.1f°", float64(t)) }
func (t temp) MarshalJSON() ([]byte, error) { return []byte(`"` + t.String() + `"`), nil }

type point struct {
	X, Y int
	tag  string
}

func main() {
	t := temp(21.5)
	b, _ := json.Marshal(t)
	fmt.Println(string(b))
	l := log.New(os.Stdout, "", 0)
	p := point{1, 2, "a"}
	l.Printf("%T %+v %v", p, p, []temp{t})
	var sb strings.Builder
	fmt.Fprintf(&sb, "%+v", p)
	fmt.Println(sb.String())
	s := fmt.Sprint([]any{p, &p, t})
	fmt.Println(s[:len("[{1 2 a} 0x")])
	xs := []any{p, t}
	fmt.Println(xs...)
	fmt.Printf("%T %T\n", xs...)
}
