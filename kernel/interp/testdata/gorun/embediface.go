// A struct that embeds an interface among other fields: the interface's
// methods are promoted, as in Go.
package main

import (
	"fmt"
	"strings"
)

type Logger interface{ Log(string) }

type prefixLogger struct {
	prefix string
	lines  *[]string
}

func (p prefixLogger) Log(s string) { *p.lines = append(*p.lines, p.prefix+s) }

type Service struct {
	Logger
	name  string
	calls int
}

func (s *Service) Handle(req string) {
	s.calls++
	s.Log(fmt.Sprintf("%s handled %s (%d)", s.name, req, s.calls))
}

type Named interface {
	Logger
	Name() string
}

func (s *Service) Name() string { return s.name }

func main() {
	var lines []string
	s := &Service{Logger: prefixLogger{"> ", &lines}, name: "svc"}
	s.Handle("a")
	s.Handle("b")
	s.Logger.Log("direct")
	var l Logger = s
	l.Log("through the interface")
	var n Named = s
	n.Log("named " + n.Name())
	fmt.Println(strings.Join(lines, "\n"))
}
