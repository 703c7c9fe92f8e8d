package interp

import (
	"fmt"
	"go/token"
	"log"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"time"
)

// log's Lshortfile and Llongfile flags name the caller's file and line,
// which log finds with runtime.Caller: under the interpreter that is the
// interpreter's own Go code (value.go:586: hello). A print function of log
// called on a logger with either flag writes its line here instead, with
// the program's file and the call's line, in log's format. And a
// *log.Logger's Fatal, Fatalf and Fatalln end the run as the program's
// os.Exit(1) does, where the compiled method ended the process. An archlab
// addition.

// sourceName is the program's file as its command line named it
// (archlab run prog.go), for log's file flags ("" for cells), and what
// maps a position of the interpreter to the line the program has there.
type sourceName struct {
	p     atomic.Pointer[string]
	lines atomic.Pointer[func(token.Position) int]
}

// SetLineMapper sets what maps a position in the source the interpreter
// compiled to the line of the source as written, for log's file flags.
// Without one, the compiled source's line is printed.
func (interp *Interpreter) SetLineMapper(lines func(token.Position) int) {
	interp.source.lines.Store(&lines)
}

// sourceLine returns the line of the source as written at pos.
func (interp *Interpreter) sourceLine(pos token.Pos) int {
	p := interp.fset.Position(pos)
	if m := interp.source.lines.Load(); m != nil {
		return (*m)(p)
	}
	return p.Line
}

// SetSourceName names the program's source file, as log's Lshortfile and
// Llongfile print it.
func (interp *Interpreter) SetSourceName(name string) { interp.source.p.Store(&name) }

// logFile returns the file log's flags print: the base name with
// Lshortfile, the absolute path with Llongfile. Cells, which have no
// file, are "cell.go".
func (interp *Interpreter) logFile(flags int) string {
	name := "cell.go"
	if p := interp.source.p.Load(); p != nil && *p != "" {
		name = *p
	}
	if flags&log.Lshortfile != 0 {
		return filepath.Base(name)
	}
	if abs, err := filepath.Abs(name); err == nil && name != "cell.go" {
		return abs
	}
	return name
}

// logPrint reports whether c0, the function a call calls, is one of log's
// print functions (Print, Printf, Println, Fatal..., Panic...) of the
// package or of a *log.Logger, and which.
func logPrint(c0 *node) (name string, method bool) {
	if c0.kind != selectorExpr || len(c0.child) != 2 {
		return "", false
	}
	x, name := c0.child[0], c0.child[1].ident
	switch strings.TrimSuffix(strings.TrimSuffix(name, "f"), "ln") {
	case "Print", "Fatal", "Panic":
	default:
		return "", false
	}
	if isLoggerType(x.typ) {
		return name, true
	}
	if c0.rval.IsValid() && x.sym != nil && x.sym.typ != nil && x.sym.typ.cat == binPkgT && x.sym.typ.path == "log" {
		return name, false
	}
	return "", false
}

// wrapLogCall returns value, the function of n, a call of log's print
// function name, made to print the program's file and line where the
// logger's flags ask for them, and to end the run on a *log.Logger's
// Fatal.
func wrapLogCall(n, c0 *node, value func(*frame) reflect.Value, name string, method bool) func(*frame) reflect.Value {
	in := n.interp
	logger := loggerOf(c0, method)
	sprint, sname, fi := reflect.ValueOf(fmt.Sprint), "Sprint", -1
	switch {
	case strings.HasSuffix(name, "f"):
		sprint, sname, fi = reflect.ValueOf(fmt.Sprintf), "Sprintf", 0
	case strings.HasSuffix(name, "ln"):
		sprint, sname = reflect.ValueOf(fmt.Sprintln), "Sprintln"
	}
	msg := wrapPrintFunc(in, sprint, fi, sname)
	fatal, panics := strings.HasPrefix(name, "Fatal"), strings.HasPrefix(name, "Panic")
	return func(f *frame) reflect.Value {
		fn := value(f)
		l := logger(f)
		if l == nil {
			return fn
		}
		fileFlags := l.Flags()&(log.Lshortfile|log.Llongfile) != 0
		if !fileFlags && !(fatal && method) {
			return fn
		}
		return reflect.MakeFunc(fn.Type(), func(args []reflect.Value) []reflect.Value {
			s := msg.CallSlice(args)[0].String()
			if fileFlags {
				in.logOutput(l, s, in.sourceLine(n.pos))
			} else {
				_ = l.Output(2, s)
			}
			switch {
			case fatal:
				if exit, ok := in.binPkg["os"]["Exit"]; ok {
					exit.Call([]reflect.Value{reflect.ValueOf(1)})
				}
			case panics:
				panic(s)
			}
			return nil
		})
	}
}

// logOutput writes s as l would, with the program's file and line.
func (interp *Interpreter) logOutput(l *log.Logger, s string, line int) {
	flags, prefix := l.Flags(), l.Prefix()
	var b []byte
	if flags&log.Lmsgprefix == 0 {
		b = append(b, prefix...)
	}
	if flags&(log.Ldate|log.Ltime|log.Lmicroseconds) != 0 {
		t := time.Now()
		if flags&log.LUTC != 0 {
			t = t.UTC()
		}
		if flags&log.Ldate != 0 {
			y, m, d := t.Date()
			b = fmt.Appendf(b, "%04d/%02d/%02d ", y, m, d)
		}
		if flags&(log.Ltime|log.Lmicroseconds) != 0 {
			h, mi, sec := t.Clock()
			b = fmt.Appendf(b, "%02d:%02d:%02d", h, mi, sec)
			if flags&log.Lmicroseconds != 0 {
				b = fmt.Appendf(b, ".%06d", t.Nanosecond()/1e3)
			}
			b = append(b, ' ')
		}
	}
	b = fmt.Appendf(b, "%s:%d: ", interp.logFile(flags), line)
	if flags&log.Lmsgprefix != 0 {
		b = append(b, prefix...)
	}
	b = append(b, s...)
	if len(s) == 0 || s[len(s)-1] != '\n' {
		b = append(b, '\n')
	}
	_, _ = l.Writer().Write(b)
}

// loggerOf returns the logger a call of log's function c0 writes with: a
// *log.Logger's (method) or the package's.
func loggerOf(c0 *node, method bool) func(*frame) *log.Logger {
	if !method {
		return func(*frame) *log.Logger { return log.Default() }
	}
	recv := genValue(c0.child[0])
	return func(f *frame) *log.Logger {
		l, _ := recv(f).Interface().(*log.Logger)
		return l
	}
}
