package interp

// archlab addition: run-time errors of Go's own types.
//
// A run-time error the interpreter detects itself (an index out of range
// found before reflect would panic in its own words) was a runtimeError:
// Go's message, a runtime.Error, but %T printed interp.runtimeError. The
// functions here make the error Go's runtime makes, by running the failing
// operation in compiled code on a stand-in of the same length or capacity,
// so that recover() gets runtime.boundsError or runtime.errorString as
// under go run. Where no stand-in exists (three-index slicing of an array),
// or the runtime's message is not the one expected, runtimeError remains.

import (
	"runtime"
	"strings"
)

// goRuntimeError returns the runtime.Error that op panics with when its
// message is "runtime error: "+msg, or runtimeError{msg}.
func goRuntimeError(msg string, op func()) (v interface{}) {
	v = runtimeError{msg}
	defer func() {
		// Some of the runtime's errors carry no prefix (makechan).
		if e, ok := recover().(runtime.Error); ok && (e.Error() == "runtime error: "+msg || e.Error() == msg) {
			v = e
		}
	}()
	op()
	return v
}

// indexError is the panic value of an index i out of range of length n.
func indexError(msg string, i, n int) interface{} {
	return goRuntimeError(msg, func() {
		s := make([]struct{}, n)
		_ = s[i]
	})
}

// sliceError is the panic value of a[lo:hi] out of range, or of
// a[lo:hi:max] where three, for an operand whose high bound is checked
// against its limit (see sliceLimit).
func sliceError(msg, what string, limit, lo, hi, max int, three bool) interface{} {
	return goRuntimeError(msg, func() {
		switch {
		case what == "capacity" && three:
			s := make([]struct{}, 0, limit)
			_ = s[lo:hi:max]
		case what == "capacity":
			s := make([]struct{}, 0, limit)
			_ = s[lo:hi]
		case !three:
			s := strings.Repeat("\x00", limit)
			_ = s[lo:hi]
		}
	})
}

// nilDerefError is the panic value of a nil pointer dereference.
func nilDerefError() interface{} {
	return goRuntimeError("invalid memory address or nil pointer dereference", func() {
		var p *int
		_ = *p
	})
}

// makeError is the panic value of make with a negative length, capacity
// (slices) or size (channels).
func makeError(msg string) interface{} {
	return goRuntimeError(msg, func() {
		n := -1
		switch msg {
		case "makechan: size out of range":
			_ = make(chan int, n)
		case "makeslice: len out of range":
			_ = make([]int, n)
		case "makeslice: cap out of range":
			_ = make([]int, 0, n)
		}
	})
}

// namedTypeError returns the panic value r with the structure of a program
// struct type in Go's uncomparable and unhashable messages replaced by the
// type's name, as Go writes it ("comparing uncomparable type main.Dog";
// reflect knows the type as struct { ... }); r otherwise.
func (interp *Interpreter) namedTypeError(r interface{}) interface{} {
	e, ok := r.(error)
	if !ok {
		if s, isStr := r.(string); isStr && strings.HasPrefix(s, "hash of unhashable type: ") {
			e, ok = runtimeError{s}, true
		}
	}
	if !ok {
		return r
	}
	msg := e.Error()
	for _, p := range []struct{ prefix, goPrefix string }{
		{"runtime error: comparing uncomparable type ", "comparing uncomparable type "},
		{"runtime error: hash of unhashable type ", "hash of unhashable type "},
		{"hash of unhashable type: ", "hash of unhashable type "},
	} {
		if !strings.HasPrefix(msg, p.prefix) {
			continue
		}
		if t := interp.structTypeNamed(msg[len(p.prefix):]); t != nil {
			return runtimeError{p.goPrefix + fmtTypeString(t)}
		}
		if p.prefix == "hash of unhashable type: " {
			// reflect's words for the runtime's error (archlab patch).
			return runtimeError{p.goPrefix + msg[len(p.prefix):]}
		}
	}
	return r
}

// structTypeNamed returns the program's struct type whose reflect type
// prints as s, or nil.
func (interp *Interpreter) structTypeNamed(s string) *itype {
	st := &interp.structs
	st.mu.RLock()
	defer st.mu.RUnlock()
	var unnamed *itype
	for rt, t := range st.types {
		if rt.String() != s {
			continue
		}
		if t.name != "" {
			return t
		}
		// archlab patch: an unnamed struct type too, printed with its
		// own field names (struct { x []int }, not Xx with tags).
		unnamed = t
	}
	if unnamed != nil {
		return unnamed
	}
	return nil
}

// shiftError is the panic value of a shift by a negative count.
func shiftError() interface{} {
	return goRuntimeError("negative shift amount", func() {
		n := -1
		_ = 1 << n
	})
}
