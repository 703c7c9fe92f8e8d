// Method expressions of program types whose methods take or return
// compiled package types (io.Writer), used as values.

package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

type Logger struct{ prefix string }

func (l Logger) Log(w io.Writer, msg string)             { fmt.Fprintln(w, l.prefix+msg) }
func (l *Logger) SetPrefix(p string)                     { l.prefix = p }
func (l Logger) Join(sep string, parts ...string) string { return l.prefix + strings.Join(parts, sep) }
func (l Logger) Pair(a, b int) (x, y int, err error)     { return b, a, nil }

func main() {
	logf := Logger.Log
	logf(Logger{"> "}, os.Stdout, "hi")
	set := (*Logger).SetPrefix
	l := &Logger{}
	set(l, "# ")
	logf(*l, os.Stdout, "set")
	join := Logger.Join
	fmt.Println(join(*l, "-", "a", "b"))
	pair := Logger.Pair
	fmt.Println(pair(*l, 1, 2))
	fns := map[string]func(Logger, io.Writer, string){"log": Logger.Log}
	fns["log"](Logger{"* "}, os.Stdout, "from map")
}
