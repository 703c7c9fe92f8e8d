package interp

import (
	"log"
	"reflect"
	"runtime"
)

// archlab patch: runtime.Caller called by the program reports the
// program's file and lines. Compiled, it reports the interpreter's own
// frames (run.go, value.go), which no program expects: a logging helper
// printing its caller's file:line printed the interpreter's. The call
// that made each interpreted frame is kept in the frame (frame.caller),
// so that Caller(skip) follows the program's calls. Its pc is 0:
// runtime.FuncForPC(0) is nil, whose Name is "".

var runtimeCallerPC = reflect.ValueOf(runtime.Caller).Pointer()

// isRuntimeCaller reports whether v is runtime.Caller.
func isRuntimeCaller(v reflect.Value) bool {
	return v.IsValid() && v.Kind() == reflect.Func && !v.IsNil() && v.Pointer() == runtimeCallerPC
}

// callerFunc returns runtime.Caller for the program, called at the call
// n in the frame f.
func (interp *Interpreter) callerFunc(f *frame, n *node) reflect.Value {
	return reflect.ValueOf(func(skip int) (uintptr, string, int, bool) {
		at, fr := n, f
		for ; skip > 0; skip-- {
			if fr == nil || fr.caller == nil {
				return 0, "", 0, false
			}
			at, fr = fr.caller, fr.anc
		}
		return 0, interp.logFile(log.Llongfile), interp.sourceLine(at.pos), true
	})
}

// logOutputCall reports whether c0, the function a call calls, is log's
// Output or a *log.Logger's, and which.
func logOutputCall(c0 *node) (method, ok bool) {
	if c0.kind != selectorExpr || len(c0.child) != 2 || c0.child[1].ident != "Output" {
		return false, false
	}
	x := c0.child[0]
	if isLoggerType(x.typ) {
		return true, true
	}
	if c0.rval.IsValid() && x.sym != nil && x.sym.typ != nil && x.sym.typ.cat == binPkgT && x.sym.typ.path == "log" {
		return false, true
	}
	return false, false
}

// wrapLogOutput returns value, log's Output (method: a *log.Logger's) at
// the call n, made to print the program's file and line calldepth calls
// up, as runtime.Caller above, where the logger's flags ask for them.
func wrapLogOutput(n, c0 *node, value func(*frame) reflect.Value, method bool) func(*frame) reflect.Value {
	in := n.interp
	logger := loggerOf(c0, method)
	return func(f *frame) reflect.Value {
		fn := value(f)
		l := logger(f)
		if l == nil || l.Flags()&(log.Lshortfile|log.Llongfile) == 0 {
			return fn
		}
		return reflect.ValueOf(func(calldepth int, s string) error {
			at, fr := n, f
			for depth := calldepth - 1; depth > 0; depth-- {
				if fr == nil || fr.caller == nil {
					return l.Output(calldepth, s)
				}
				at, fr = fr.caller, fr.anc
			}
			in.logOutput(l, s, in.sourceLine(at.pos))
			return nil
		})
	}
}
