// log's Lshortfile and Llongfile name the program's file and the calling
// line, also through a *log.Logger parameter; a Logger's Fatal ends the
// program with exit status 1 and runs no deferred call.
package main

import (
	"fmt"
	"log"
	"os"
)

type T struct{ A int }

func (t T) String() string { return fmt.Sprintf("T<%d>", t.A) }

func helper(l *log.Logger) {
	l.Println("from helper", T{2})
}

func main() {
	for i := range 2 {
		log.New(os.Stdout, "[x] ", log.Llongfile).Printf("i=%d %v", i, T{i})
	}
	l := log.New(os.Stdout, "", log.Lshortfile|log.Lmsgprefix)
	l.SetPrefix("pre: ")
	helper(l)
	l.Print("a", 1, 2, "b")
	l2 := log.New(os.Stdout, "plain: ", 0)
	l2.Println("no file")
	defer fmt.Println("deferred not run")
	l2.Fatalf("fatal %v", T{9})
}
