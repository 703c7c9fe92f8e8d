package interp

import (
	"reflect"
	"sync"
	"sync/atomic"
)

// Some misuses of the sync package are fatal errors in Go, not panics:
// the runtime prints "fatal error: sync: unlock of unlocked mutex" and
// ends the process with status 2, and neither recover nor deferred calls
// run. Done by the compiled sync code under the interpreter, that killed
// the kernel or `archlab run` with the program's last output still in the
// capture pipe. The interpreter checks for them before the call instead
// and ends the run as Go would (see Fatal). An archlab addition.

// fatalState holds the fatal error that ended the run, if one did.
type fatalState struct {
	msg atomic.Pointer[string]
}

// fatal ends the run with a fatal error: every frame's loop ends (as
// with stop), and no deferred call runs.
func (interp *Interpreter) fatal(msg string) {
	if interp.fatalErr.msg.CompareAndSwap(nil, &msg) {
		atomic.AddUint64(&interp.id, 1)
	}
}

// Fatal returns the message of the fatal error that ended the last run
// (Go's "fatal error: ..." without its prefix), or "", and clears it.
func (interp *Interpreter) Fatal() string {
	if p := interp.fatalErr.msg.Swap(nil); p != nil {
		return *p
	}
	return ""
}

// syncFatalCall returns, for a call of a method named name on the
// receiver recv gives, a check of the fatal misuses of sync.Mutex and
// sync.RWMutex: the message Go's runtime would end with, or "". nil where
// name is none of those methods.
func syncFatalCall(name string, recv func(*frame) reflect.Value) func(*frame) string {
	if name != "Unlock" && name != "RUnlock" {
		return nil
	}
	return func(f *frame) string {
		v := recv(f)
		for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		if !v.IsValid() {
			return ""
		}
		if v.Kind() != reflect.Ptr {
			if !v.CanAddr() {
				return ""
			}
			v = v.Addr()
		}
		if v.IsNil() {
			return ""
		}
		switch m := v.Interface().(type) {
		case *sync.Mutex:
			if name == "Unlock" && m.TryLock() {
				m.Unlock()
				return "sync: unlock of unlocked mutex"
			}
		case *sync.RWMutex:
			if m.TryLock() {
				m.Unlock()
				if name == "Unlock" {
					return "sync: Unlock of unlocked RWMutex"
				}
				return "sync: RUnlock of unlocked RWMutex"
			}
		}
		return ""
	}
}

// genFieldPath returns the field at path in the struct value gives, or an
// invalid value where a step is not a struct (an interface). Unlike
// genValueRecv it reads no field's value: the promoted mutex's receiver
// is found without copying a mutex another goroutine holds.
func genFieldPath(value func(*frame) reflect.Value, path []int) func(*frame) reflect.Value {
	return func(f *frame) reflect.Value {
		v := value(f)
		for _, i := range path {
			for v.IsValid() && v.Kind() == reflect.Ptr {
				if v.IsNil() {
					return reflect.Value{}
				}
				v = v.Elem()
			}
			if !v.IsValid() || v.Kind() != reflect.Struct || i >= v.NumField() {
				return reflect.Value{}
			}
			v = v.Field(i)
		}
		return v
	}
}
