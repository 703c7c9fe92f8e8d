package interp

import (
	"fmt"
	"log/slog"
	"reflect"
	"runtime"
	"strings"
	"sync"
)

// A value of a named non-struct type of the program (type Level int,
// type ctxKey string) is its underlying value to reflect: passed to
// compiled code as an any, it came back as a bare int or string, so
// x.(Level) failed in a container/heap Push, and context.WithValue's key
// ctxKey("user") was found by the plain string "user". Where compiled code
// only keeps an any for the program to get back (see keepsAny), the value
// goes as a namedBox instead, which carries its type and compares as Go's
// interface values do: equal when type and value are. The interpreter
// takes the box off where the value comes back (unboxNamed). An archlab
// addition.

// namedBox is a value of the named type t, v its underlying value. t is
// the interpreter's one *itype for that type (canonicalNamed), so that two
// boxes of one type and value are ==.
type namedBox struct {
	t *itype
	v interface{}
}

var namedBoxType = reflect.TypeOf(namedBox{})

// valueInterface returns the interpreter's box of b's value.
func (b namedBox) valueInterface() valueInterface {
	var in *Interpreter
	if b.t.node != nil {
		in = b.t.node.interp
	}
	v := reflect.New(b.t.TypeOf()).Elem()
	if b.v != nil {
		v.Set(reflect.ValueOf(b.v).Convert(v.Type()))
	}
	return valueInterface{&node{typ: b.t, interp: in}, v}
}

// Format prints the value as the program's type prints it, where compiled
// code hands the box to fmt (a list element printed by a callback).
func (b namedBox) Format(s fmt.State, verb rune) { b.valueInterface().Format(s, verb) }

// MarshalJSON encodes the value as the program's type does.
func (b namedBox) MarshalJSON() ([]byte, error) { return b.valueInterface().MarshalJSON() }

// namedTypes holds the canonical *itype of each named type boxed, by id.
type namedTypes struct {
	mu    sync.Mutex
	types map[string]*itype
}

// canonicalNamed returns the one *itype that boxes use for t's type.
func (interp *Interpreter) canonicalNamed(t *itype) *itype {
	nt := &interp.named
	nt.mu.Lock()
	defer nt.mu.Unlock()
	id := t.id()
	if c, ok := nt.types[id]; ok {
		return c
	}
	if nt.types == nil {
		nt.types = map[string]*itype{}
	}
	nt.types[id] = t
	return t
}

// keepsAny reports whether the compiled function or method that c0 names
// keeps the values it takes as an any for the program to get back,
// unexamined: the containers, sync and context. Other compiled code
// (fmt, encoding/binary, reflect) examines an any, and gets the bare value
// as before.
func keepsAny(c0 *node) bool {
	switch calleePkg(c0) {
	case "container/heap", "container/list", "container/ring", "context", "sync", "sync/atomic":
		return true
	}
	return false
}

// calleePkg returns the import path of the package of the compiled
// function or method that c0 names, or "".
func calleePkg(c0 *node) string {
	pkg := ""
	if c0.rval.IsValid() && c0.rval.Kind() == reflect.Func && !c0.rval.IsNil() {
		if fn := runtime.FuncForPC(c0.rval.Pointer()); fn != nil {
			pkg = funcPkgPath(fn.Name())
		}
	}
	if pkg == "" && c0.kind == selectorExpr && len(c0.child) == 2 && c0.child[0].typ != nil {
		rt := c0.child[0].typ.TypeOf()
		for rt != nil && rt.Kind() == reflect.Ptr {
			rt = rt.Elem()
		}
		if rt != nil {
			pkg = rt.PkgPath()
		}
	}
	return pkg
}

// slogBoxes reports whether a value of type t goes to log/slog's any
// parameters in the interpreter's box, which prints (fmt) and encodes
// (json) as Go does the program's type: slog takes a bare named value for
// its underlying kind (a type State int with a String method logged as
// s=2, not s=state-C) and a bare struct by its reflect structure.
func slogBoxes(t *itype) bool {
	if t == nil || t.cat == valueT || isInterface(t) || isFuncSrc(t) || t.cat == nilT {
		return false
	}
	if t.cat == ptrT {
		return t.val != nil && t.val.cat != valueT && interpretedNamed(t.val)
	}
	return interpretedNamed(t) || t.cat == structT
}

// funcPkgPath returns the import path of a function named as
// runtime.FuncForPC names it: container/heap.Push, sync.(*Map).Store.
func funcPkgPath(name string) string {
	slash := strings.LastIndexByte(name, '/')
	dot := strings.IndexByte(name[slash+1:], '.')
	if dot < 0 {
		return ""
	}
	return name[:slash+1+dot]
}

// genNamedBox returns value, an any argument for compiled code that
// keeps it, with a value of a named non-struct type of the program boxed
// with its type. t is the argument's static type.
func genNamedBox(in *Interpreter, t *itype, value func(*frame) reflect.Value) func(*frame) reflect.Value {
	if isNamedNonStruct(t) {
		ct := in.canonicalNamed(t)
		return func(f *frame) reflect.Value {
			return reflect.ValueOf(namedBox{ct, value(f).Interface()})
		}
	}
	if !isEmptyInterface(t) && !isInterfaceSrc(t) {
		return value
	}
	return func(f *frame) reflect.Value {
		v := value(f)
		if !v.IsValid() {
			return v
		}
		vi, ok := v.Interface().(valueInterface)
		if !ok || vi.node == nil || !isNamedNonStruct(vi.node.typ) {
			return v
		}
		inner := valueInterfaceValue(vi.value)
		if !inner.IsValid() {
			return v
		}
		return reflect.ValueOf(namedBox{in.canonicalNamed(vi.node.typ), inner.Interface()})
	}
}

// unboxNamed returns v, an any that compiled code gave the program, with
// a namedBox it holds replaced by the interpreter's box of its value.
func unboxNamed(v reflect.Value) reflect.Value {
	if !v.IsValid() {
		return v
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return v
		}
		v = v.Elem()
	}
	if v.Type() != namedBoxType {
		return v
	}
	b := v.Interface().(namedBox)
	return reflect.ValueOf(b.valueInterface())
}

// isNamedBox reports whether v (maybe an interface) holds a namedBox.
func isNamedBox(v reflect.Value) bool {
	if v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	return v.IsValid() && v.Type() == namedBoxType
}

// keptAnyField reports whether n selects a field of type any of a
// compiled struct of a package that keeps it (a list.Element's or a
// ring.Ring's Value).
func keptAnyField(n *node) bool {
	if n.kind != selectorExpr || len(n.child) != 2 || n.typ == nil || n.typ.cat != valueT || n.typ.rtype != emptyInterfaceType {
		return false
	}
	t := n.child[0].typ
	if t == nil {
		return false
	}
	rt := t.TypeOf()
	for rt != nil && rt.Kind() == reflect.Ptr {
		rt = rt.Elem()
	}
	if rt == nil || rt.Kind() != reflect.Struct {
		return false
	}
	switch rt.PkgPath() {
	case "container/list", "container/ring":
		return true
	}
	return false
}

// readsKeptAny reports whether n reads such a field for its value, not
// to store into it or take its address.
func readsKeptAny(n *node) bool {
	if !keptAnyField(n) {
		return false
	}
	a := n.anc
	if a == nil {
		return true
	}
	switch a.kind {
	case assignStmt, defineStmt, assignXStmt, defineXStmt:
		return childPos(n) >= a.nleft
	case incDecStmt:
		return false
	case unaryExpr:
		return a.action != aAddr
	}
	return true
}

// unboxedField returns the field value r, or a copy of it with the
// interpreter's box in place of a namedBox.
func unboxedField(r reflect.Value) reflect.Value {
	if !isNamedBox(r) {
		return r
	}
	c := reflect.New(r.Type()).Elem()
	c.Set(unboxNamed(r))
	return c
}

// holdsValueInterface reports whether v is, or holds, the interpreter's
// box of a value (a namedBox that a call's result was unboxed from).
func holdsValueInterface(v reflect.Value) bool {
	if v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	return v.IsValid() && v.Type() == valueInterfaceType
}

// slogValue is a program value given to log/slog as an any: printed as a
// top-level operand of fmt prints it (slog's text handler: %+v), encoded
// as encoding/json encodes the program's type (its JSON handler).
type slogValue struct{ fmtArg }

func (a slogValue) MarshalJSON() ([]byte, error) {
	return valueInterface{&node{typ: a.t, interp: a.interp}, a.v}.MarshalJSON()
}

// slogLogValuer is a slogValue whose type has a LogValue method, which
// slog calls to resolve it.
type slogLogValuer struct{ slogValue }

func (a slogLogValuer) LogValue() slog.Value {
	out := a.interp.callMethod(a.t, a.v, "LogValue")
	if len(out) == 1 {
		if v, ok := out[0].Interface().(slog.Value); ok {
			return v
		}
	}
	return slog.AnyValue(a.slogValue)
}

// slogError is a program value whose type is an error: slog writes its
// message (its JSON handler too: it has no MarshalJSON).
type slogError struct{ fmtArg }

func (a slogError) Error() string {
	out := a.interp.callMethod(a.t, a.v, "Error")
	if len(out) == 1 && out[0].Kind() == reflect.String {
		return out[0].String()
	}
	return ""
}

// genSlogValue returns the value of n, an argument for one of slog's any
// parameters, as a slogValue.
func genSlogValue(in *Interpreter, n *node) func(*frame) reflect.Value {
	value := genValue(n)
	t := n.typ
	m, _ := t.lookupMethod("LogValue")
	e, _ := t.lookupMethod("Error")
	return func(f *frame) reflect.Value {
		v := copyValue(value(f))
		a := slogValue{fmtArg{interp: in, t: t, v: v, orig: func() reflect.Value { return v }}}
		switch {
		case m != nil:
			return reflect.ValueOf(slogLogValuer{a})
		case e != nil:
			return reflect.ValueOf(slogError{a.fmtArg})
		}
		return reflect.ValueOf(a)
	}
}

// callMethod calls the interpreted method name of v, of type t, without
// arguments (a value receiver's method through a copy of v where the
// method has a pointer receiver), and returns its results; nil where t
// has no such method.
func (interp *Interpreter) callMethod(t *itype, v reflect.Value, name string) []reflect.Value {
	m, index := t.lookupMethod(name)
	if m == nil {
		return nil
	}
	recv := v
	if t.cat != ptrT && hasPtrReceiver(m) && len(index) == 0 {
		c := reflect.New(v.Type())
		c.Elem().Set(v)
		recv = c
	}
	nod := *m
	nod.recv = &receiver{val: recv, index: index}
	return genFunctionWrapper(&nod)(interp.frame).Call(nil)
}
