// runtime.Caller and log's Output report the program's file and lines,
// through direct calls of functions and methods.
package main

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
)

func where() string {
	_, file, line, ok := runtime.Caller(1)
	return fmt.Sprintf("%s:%d %v", filepath.Base(file), line, ok)
}

func here() string {
	_, file, line, _ := runtime.Caller(0)
	return fmt.Sprintf("%s:%d", filepath.Base(file), line)
}

type logger struct{ prefix string }

func (l logger) logf(format string, args ...any) {
	_, file, line, _ := runtime.Caller(1)
	fmt.Printf("%s %s:%d: %s\n", l.prefix, filepath.Base(file), line, fmt.Sprintf(format, args...))
}

func deep() string { return where() }

var std = log.New(os.Stdout, "INFO: ", log.Lshortfile)

func infof(s string) {
	std.Output(2, s)
}

func main() {
	fmt.Println(where())
	fmt.Println(here())
	l := logger{"[x]"}
	l.logf("n=%d", 3)
	fmt.Println(deep())
	f := func() string { return where() }
	fmt.Println(f())
	_, _, _, ok := runtime.Caller(50)
	fmt.Println(ok)

	infof("hello")
	std.Output(1, "direct")
	log.SetOutput(os.Stdout)
	log.SetFlags(log.Lshortfile)
	log.Output(1, "package")
}
