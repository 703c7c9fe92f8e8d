package interp

// An archlab addition: values of interpreted types printed by fmt as Go
// prints them.
//
// reflect knows an interpreted type only by its structure: a struct type is
// made by reflect.StructOf with its unexported fields renamed (x becomes
// Xx), a named type such as Celsius is its underlying float64, and methods
// are not in reflect's method sets. Handed to fmt as they are, such values
// printed %T as struct { Xx int ... }, %+v as {Xx:1 Xy:2}, and a Stringer
// inside a slice, a map or a struct without its String method.
//
// So the print functions of fmt and log (the calls that yaegi's mapTypes
// lists) receive such an argument as an fmtArg, a fmt.Formatter that
// prints the value by its interpreted type: names, field names, methods,
// following fmt's printValue rule by rule. A %T of one is rewritten to the
// type's Go name, and %w is given the value upstream passed (an error).

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log"
	"math"
	"path"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// fmtArg is an argument of an interpreted type on its way to a fmt or log
// print function.
type fmtArg struct {
	interp *Interpreter
	t      *itype               // the value's interpreted type, maybe an interface
	v      reflect.Value        // the value as the frame holds it
	orig   func() reflect.Value // what the call passed before: given to %w
}

// Format prints the argument as fmt prints a Go value of its type.
func (a fmtArg) Format(s fmt.State, verb rune) {
	p := newFmtPrinter(a.interp, s, verb)
	p.printValue(a.t, a.v, 0, false)
}

// fmtPrinter prints one argument for one verb.
type fmtPrinter struct {
	interp *Interpreter
	s      fmt.State
	verb   rune
	sharpV bool   // %#v
	plusV  bool   // %+v
	spec   string // the directive, to print a leaf value through fmt
}

func newFmtPrinter(in *Interpreter, s fmt.State, verb rune) *fmtPrinter {
	return &fmtPrinter{
		interp: in,
		s:      s,
		verb:   verb,
		sharpV: verb == 'v' && s.Flag('#'),
		plusV:  verb == 'v' && s.Flag('+'),
		spec:   fmt.FormatString(s, verb),
	}
}

func (p *fmtPrinter) write(s string) { io.WriteString(p.s, s) }

// leaf prints v, a value of a basic kind, through fmt with the directive,
// as a value of the unnamed basic type (a named compiled type's String
// method is not called when the interpreted type has none).
func (p *fmtPrinter) leaf(v reflect.Value) {
	fmt.Fprintf(p.s, p.spec, basicValue(v))
}

// leafNamed is leaf where fmt's complaint about a verb the value does not
// take names its type as Go does (%!s(main.Celsius=1.5), not float64).
func (p *fmtPrinter) leafNamed(v reflect.Value, typeName func() string) {
	x := basicValue(v)
	text := fmt.Sprintf(p.spec, x)
	if bad := "%!" + string(p.verb) + "(" + reflect.TypeOf(x).String() + "="; strings.HasPrefix(text, bad) {
		text = "%!" + string(p.verb) + "(" + typeName() + "=" + text[len(bad):]
	}
	p.write(text)
}

// basicValue returns v as an interface{} of the unnamed type of its kind.
func basicValue(v reflect.Value) interface{} {
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool()
	case reflect.Int:
		return int(v.Int())
	case reflect.Int8:
		return int8(v.Int())
	case reflect.Int16:
		return int16(v.Int())
	case reflect.Int32:
		return int32(v.Int())
	case reflect.Int64:
		return v.Int()
	case reflect.Uint:
		return uint(v.Uint())
	case reflect.Uint8:
		return uint8(v.Uint())
	case reflect.Uint16:
		return uint16(v.Uint())
	case reflect.Uint32:
		return uint32(v.Uint())
	case reflect.Uint64:
		return v.Uint()
	case reflect.Uintptr:
		return uintptr(v.Uint())
	case reflect.Float32:
		return float32(v.Float())
	case reflect.Float64:
		return v.Float()
	case reflect.Complex64:
		return complex64(v.Complex())
	case reflect.Complex128:
		return v.Complex()
	case reflect.String:
		return v.String()
	}
	if v.CanInterface() {
		return v.Interface()
	}
	return nil
}

// isMethodWrapper reports whether rt is one of the interpreter's wrappers
// that make an interpreted value a compiled interface's (_error, yaegi's
// generated _io_Reader...): a struct whose first field IValue holds it.
func isMethodWrapper(rt reflect.Type) bool {
	return rt.Kind() == reflect.Struct && rt.NumField() > 0 && rt.Field(0).Name == "IValue" &&
		rt.Field(0).Type.Kind() == reflect.Interface && strings.HasPrefix(rt.Name(), "_")
}

// wrapsTyped reports whether the method wrapper w holds its value in the
// interpreter's box, with its interpreted type.
func wrapsTyped(w reflect.Value) bool {
	f := w.Field(0)
	if f.Kind() == reflect.Interface {
		if f.IsNil() {
			return false
		}
		f = f.Elem()
	}
	return f.Type() == valueInterfaceType
}

// wrappedValueInterface returns the interpreter's box that v, a method
// wrapper or an interface holding one, keeps its value in, if it keeps it
// with its type.
func wrappedValueInterface(v reflect.Value) (valueInterface, bool) {
	for v.IsValid() && v.Kind() == reflect.Interface {
		if v.IsNil() {
			return valueInterface{}, false
		}
		v = v.Elem()
	}
	if !v.IsValid() || !isMethodWrapper(v.Type()) || !wrapsTyped(v) {
		return valueInterface{}, false
	}
	f := v.Field(0)
	if f.Kind() == reflect.Interface {
		f = f.Elem()
	}
	vi := f.Interface().(valueInterface)
	return vi, vi.node != nil
}

// fmtIsInterface is isInterface without building t's reflect type.
func fmtIsInterface(t *itype) bool {
	switch t.cat {
	case interfaceT, errorT:
		return true
	case linkedT:
		return t.val != nil && fmtIsInterface(t.val)
	case valueT:
		return t.rtype != nil && t.rtype.Kind() == reflect.Interface
	}
	return false
}

// interpreted reports whether t is a type the interpreter made (as opposed
// to a compiled one), once its interface boxes are taken off.
func interpreted(t *itype) bool {
	return t != nil && t.cat != valueT && t.cat != nilT
}

// unbox takes the interface boxes off v: it returns the dynamic type (nil
// for a compiled value, whose reflect type describes it) and value, or an
// invalid value for a nil interface.
func (p *fmtPrinter) unbox(t *itype, v reflect.Value) (*itype, reflect.Value) {
	for v.IsValid() {
		switch {
		case v.Kind() == reflect.Interface:
			if v.IsNil() {
				return t, reflect.Value{}
			}
			v = v.Elem()
			if t != nil && fmtIsInterface(t) {
				t = nil
			}
			continue
		case v.Type() == valueInterfaceType:
			vi := v.Interface().(valueInterface)
			if vi.node == nil || !vi.value.IsValid() {
				return t, reflect.Value{}
			}
			v = vi.value
			t = vi.node.typ
			if t != nil && fmtIsInterface(t) {
				t = nil
			}
			continue
		case isMethodWrapper(v.Type()) && wrapsTyped(v):
			// A compiled interface's wrapper of an interpreted value that
			// keeps its type (an error's): the value it holds. Other
			// wrappers are printed through their methods.
			v = v.Field(0)
			t = nil
			continue
		}
		break
	}
	if t != nil && (fmtIsInterface(t) || t.cat == valueT) {
		t = nil
	}
	if t == nil && v.IsValid() && v.Kind() == reflect.Struct {
		// A value of an interpreted struct type stored bare in an
		// interface (types without methods are not boxed): known by its
		// reflect type, the last type declared with that structure.
		t = p.interp.structType(v.Type())
	}
	if t == nil && v.IsValid() && v.Kind() == reflect.Ptr && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
		if st := p.interp.structType(v.Elem().Type()); st != nil {
			t = ptrOf(st)
		}
	}
	return t, v
}

// printValue prints v, of type t, at depth (0 for the argument itself),
// ro when it was reached through an unexported field (fmt calls no method
// on such a value).
func (p *fmtPrinter) printValue(t *itype, v reflect.Value, depth int, ro bool) {
	static := t
	t, v = p.unbox(t, v)
	if !v.IsValid() {
		switch {
		case depth == 0 && static == nil:
			p.write("<invalid reflect.Value>")
		case p.sharpV && static != nil:
			p.write(fmtTypeString(static) + "(nil)")
		case p.verb == 'v' || depth > 0:
			// A nil interface inside a value is <nil> with any verb.
			p.write("<nil>")
		default:
			p.badVerb(nil, reflect.Value{})
		}
		return
	}
	if depth == 0 || !ro {
		if p.handleMethods(t, v) {
			return
		}
	}
	if t != nil && t.cat == linkedT && !fmtIsInterface(t) {
		// A named type's value is printed as its underlying type's, with
		// the named type's name where one is shown.
		p.printKind(t, t.underlying(), v, depth, ro)
		return
	}
	p.printKind(t, t, v, depth, ro)
}

// printKind prints v by its kind; named is the type whose name %#v shows,
// t the type whose structure (fields, elements) v has.
func (p *fmtPrinter) printKind(named, t *itype, v reflect.Value, depth int, ro bool) {
	if t != nil && t.cat == linkedT {
		t = t.underlying()
	}
	typeName := func() string {
		if named != nil {
			return fmtTypeString(named)
		}
		return v.Type().String()
	}
	switch v.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		p.leafNamed(v, typeName)
	case reflect.Map:
		if p.sharpV {
			p.write(typeName())
			if v.IsNil() {
				p.write("(nil)")
				return
			}
			p.write("{")
		} else {
			p.write("map[")
		}
		var kt, vt *itype
		if t != nil && t.cat == mapT {
			kt, vt = t.key, t.val
		}
		keys := v.MapKeys()
		slices.SortStableFunc(keys, fmtCompare)
		for i, k := range keys {
			if i > 0 {
				if p.sharpV {
					p.write(", ")
				} else {
					p.write(" ")
				}
			}
			p.printValue(kt, k, depth+1, ro)
			p.write(":")
			p.printValue(vt, v.MapIndex(k), depth+1, ro)
		}
		if p.sharpV {
			p.write("}")
		} else {
			p.write("]")
		}
	case reflect.Struct:
		if p.sharpV {
			p.write(typeName())
		}
		p.write("{")
		var fields []structField
		nf := v.NumField()
		if t != nil && t.cat == structT && len(t.field) == 0 && nf == 1 && v.Type().Field(0).Name == "X_" {
			nf = 0 // the name-carrying field of an empty struct (see refType)
		}
		if t != nil && t.cat == structT && len(t.field) == nf {
			fields = t.field
		}
		for i := 0; i < nf; i++ {
			if i > 0 {
				if p.sharpV {
					p.write(", ")
				} else {
					p.write(" ")
				}
			}
			name := v.Type().Field(i).Name
			var ft *itype
			if fields != nil {
				name, ft = fields[i].name, fields[i].typ
			}
			if p.plusV || p.sharpV {
				p.write(name + ":")
			}
			f := v.Field(i)
			p.printValue(ft, f, depth+1, ro || !isExportedName(name) || !f.CanInterface())
		}
		p.write("}")
	case reflect.Interface:
		// unbox took the boxes off: only a nil interface is left.
		if p.sharpV {
			p.write(typeName() + "(nil)")
		} else {
			p.write("<nil>")
		}
	case reflect.Array, reflect.Slice:
		var et *itype
		if t != nil && (t.cat == sliceT || t.cat == arrayT || t.cat == variadicT) {
			et = t.val
		}
		switch p.verb {
		case 's', 'q', 'x', 'X':
			// Bytes, as fmt prints any slice or array whose elements'
			// kind is uint8, a named byte type with methods too (archlab
			// patch: upstream printed a []Tile element by element).
			if v.Type().Elem().Kind() == reflect.Uint8 {
				b := make([]byte, v.Len())
				for i := range b {
					b[i] = byte(v.Index(i).Uint())
				}
				fmt.Fprintf(p.s, p.spec, b)
				return
			}
		}
		if p.sharpV {
			p.write(typeName())
			if v.Kind() == reflect.Slice && v.IsNil() {
				p.write("(nil)")
				return
			}
			p.write("{")
			for i := 0; i < v.Len(); i++ {
				if i > 0 {
					p.write(", ")
				}
				p.printValue(et, v.Index(i), depth+1, ro)
			}
			p.write("}")
			return
		}
		p.write("[")
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				p.write(" ")
			}
			p.printValue(et, v.Index(i), depth+1, ro)
		}
		p.write("]")
	case reflect.Ptr:
		if depth == 0 && !v.IsNil() {
			switch v.Elem().Kind() {
			case reflect.Array, reflect.Slice, reflect.Struct, reflect.Map:
				var et *itype
				if t != nil && t.cat == ptrT {
					et = t.val
				}
				p.write("&")
				p.printValue(et, v.Elem(), depth+1, ro)
				return
			}
		}
		p.pointer(typeName, v)
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		p.pointer(typeName, v)
	default:
		p.leaf(v)
	}
}

// pointer prints a pointer, channel or func value as fmt's fmtPointer.
func (p *fmtPrinter) pointer(typeName func() string, v reflect.Value) {
	u := v.Pointer()
	switch p.verb {
	case 'v':
		if p.sharpV {
			p.write("(" + typeName() + ")(")
			if u == 0 {
				p.write("nil")
			} else {
				p.write("0x" + strconv.FormatUint(uint64(u), 16))
			}
			p.write(")")
			return
		}
		if u == 0 {
			fmt.Fprintf(p.s, strings.Replace(p.spec, "v", "s", 1), "<nil>")
			return
		}
		fmt.Fprintf(p.s, p.spec, uintptrPointer(u))
	case 'p', 'b', 'o', 'd', 'x', 'X':
		fmt.Fprintf(p.s, p.spec, uintptrPointer(u))
	default:
		// Named as Go names the type (%!s(*main.pt=<nil>)), not by
		// reflect's structure (archlab patch).
		p.write("%!" + string(p.verb) + "(" + typeName() + "=")
		if u == 0 {
			p.write("<nil>")
		} else {
			fmt.Fprintf(p.s, "%v", uintptrPointer(u))
		}
		p.write(")")
	}
}

// uintptrPointer is a pointer's address as fmt prints an unsafe.Pointer.
type uintptrPointer uintptr

func (u uintptrPointer) Format(s fmt.State, verb rune) {
	switch verb {
	case 'v', 'p':
		spec := "%#x"
		if s.Flag('#') && verb == 'p' {
			spec = "%x"
		}
		if w, ok := s.Width(); ok {
			text := fmt.Sprintf(spec, uint64(u))
			if s.Flag('-') {
				fmt.Fprintf(s, "%-*s", w, text)
			} else {
				fmt.Fprintf(s, "%*s", w, text)
			}
			return
		}
		fmt.Fprintf(s, spec, uint64(u))
	default:
		fmt.Fprintf(s, fmt.FormatString(s, verb), uint64(u))
	}
}

// badVerb prints fmt's complaint about a verb a value does not take.
func (p *fmtPrinter) badVerb(t *itype, v reflect.Value) {
	p.write("%!" + string(p.verb) + "(")
	switch {
	case !v.IsValid():
		p.write("<nil>")
	default:
		if t != nil {
			p.write(fmtTypeString(t))
		} else {
			p.write(v.Type().String())
		}
		p.write("=")
		sub := &fmtPrinter{interp: p.interp, s: p.s, verb: 'v', spec: "%v"}
		sub.printValue(t, v, 0, false)
	}
	p.write(")")
}

// handleMethods calls v's Format, GoString, Error or String method as
// fmt's handleMethods does, and reports whether it printed v.
func (p *fmtPrinter) handleMethods(t *itype, v reflect.Value) bool {
	if !interpreted(t) || isCompiledPtr(t) {
		// A compiled value, or a pointer to one (a *big.Int field): its
		// methods are reflect's (archlab patch: the pointer printed as
		// an address).
		if !v.CanInterface() {
			return false
		}
		x := v.Interface()
		_, isFormatter := x.(fmt.Formatter)
		_, isGoStringer := x.(fmt.GoStringer)
		_, isError := x.(error)
		_, isStringer := x.(fmt.Stringer)
		switch {
		case isFormatter, p.sharpV && isGoStringer:
		case !p.sharpV && (isError || isStringer) && strings.ContainsRune("vsxXq", p.verb):
		default:
			return false
		}
		fmt.Fprintf(p.s, p.spec, x)
		return true
	}
	if m := p.method(t, v, "Format"); m.IsValid() && m.Type().NumIn() == 2 && m.Type().NumOut() == 0 {
		p.catchPanic(v, "Format", func() {
			m.Call([]reflect.Value{reflect.ValueOf(&p.s).Elem(), reflect.ValueOf(p.verb)})
		})
		return true
	}
	if p.sharpV {
		if m := p.method(t, v, "GoString"); isStringMethod(m) {
			p.catchPanic(v, "GoString", func() { p.write(m.Call(nil)[0].String()) })
			return true
		}
		return false
	}
	switch p.verb {
	case 'v', 's', 'x', 'X', 'q':
	default:
		return false
	}
	for _, name := range []string{"Error", "String"} {
		if m := p.method(t, v, name); isStringMethod(m) {
			p.catchPanic(v, name, func() { fmt.Fprintf(p.s, p.spec, m.Call(nil)[0].String()) })
			return true
		}
	}
	return false
}

func isStringMethod(m reflect.Value) bool {
	return m.IsValid() && m.Type().NumIn() == 0 && m.Type().NumOut() == 1 && m.Type().Out(0).Kind() == reflect.String
}

// method returns the interpreted method name of v (of type t) as a func
// value, or an invalid value where v's method set has none.
func (p *fmtPrinter) method(t *itype, v reflect.Value, name string) reflect.Value {
	m, index := p.interp.cachedMethod(t, name)
	if m == nil {
		return promotedCompiledMethod(t, v, name)
	}
	if t.cat != ptrT && hasPtrReceiver(m) && !promotedThroughPtr(t, index) {
		// A pointer method is not in a value's method set, nor one
		// promoted from a field embedded by value (archlab patch).
		return reflect.Value{}
	}
	if t.cat == ptrT && v.IsNil() && !hasPtrReceiver(m) {
		// A value method through a nil pointer: Go panics in the call,
		// which fmt prints as <nil>.
		return reflect.ValueOf(func() string { panic(nilPointerCall{}) })
	}
	nod := *m
	nod.recv = &receiver{val: v, index: index}
	return genFunctionWrapper(&nod)(p.interp.frame)
}

// promotedCompiledMethod returns the method name of v, of the interpreted
// struct type t (or a pointer to one), promoted from an embedded field of a
// compiled type (type codeErr struct{ error; code int } has Error), or an
// invalid value. reflect does not promote it: the field is not marked
// embedded (see refType). An archlab addition.
func promotedCompiledMethod(t *itype, v reflect.Value, name string) reflect.Value {
	return promotedCompiledMethod2(t, v, name, false, 0)
}

// promotedCompiledMethod2 is promotedCompiledMethod for v reached through
// a pointer (addressable: its fields' pointer methods are in the method
// set) or not, depth embeddings down (archlab patch: also a compiled type
// embedded by pointer, a pointer method of one embedded by value in a
// pointer's struct (&Doc{} with Doc{bytes.Buffer}), and one promoted
// through an embedded struct of the program).
func promotedCompiledMethod2(t *itype, v reflect.Value, name string, addressable bool, depth int) reflect.Value {
	if depth > 8 {
		return reflect.Value{}
	}
	if t != nil && t.cat == ptrT {
		if v.Kind() != reflect.Ptr || v.IsNil() {
			return reflect.Value{}
		}
		t, v, addressable = t.val, v.Elem(), true
	}
	for t != nil && t.cat == linkedT {
		t = t.val
	}
	if t == nil || t.cat != structT || v.Kind() != reflect.Struct || v.NumField() != len(t.field) {
		return reflect.Value{}
	}
	var deeper []int
	for i, f := range t.field {
		if !f.embed || f.typ == nil {
			continue
		}
		compiled := f.typ.cat == valueT || f.typ.cat == errorT ||
			f.typ.cat == ptrT && f.typ.val != nil && f.typ.val.cat == valueT
		if !compiled {
			deeper = append(deeper, i)
			continue
		}
		fv := v.Field(i)
		if fv.Kind() == reflect.Interface {
			if fv.IsNil() {
				if _, ok := fv.Type().MethodByName(name); ok {
					return reflect.ValueOf(func() string { panic(nilDerefError()) })
				}
				continue
			}
			fv = fv.Elem()
		}
		if fv.Kind() == reflect.Ptr && fv.IsNil() {
			continue
		}
		if m := fv.MethodByName(name); m.IsValid() {
			return m
		}
		if addressable && fv.CanAddr() {
			if m := fv.Addr().MethodByName(name); m.IsValid() {
				return m
			}
		}
	}
	for _, i := range deeper {
		if m := promotedCompiledMethod2(t.field[i].typ, v.Field(i), name, addressable, depth+1); m.IsValid() {
			return m
		}
	}
	return reflect.Value{}
}

type nilPointerCall struct{}

// catchPanic runs call, printing a panic in it as fmt's catchPanic does.
func (p *fmtPrinter) catchPanic(v reflect.Value, method string, call func()) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if _, ok := r.(nilPointerCall); ok || v.Kind() == reflect.Ptr && v.IsNil() {
			p.write("<nil>")
			return
		}
		if pe, ok := r.(*Panic); ok {
			r = pe.Value
		}
		if rv, ok := r.(reflect.Value); ok && rv.IsValid() && rv.CanInterface() {
			r = rv.Interface()
		}
		p.write("%!" + string(p.verb) + "(PANIC=" + method + " method: " + fmt.Sprint(r) + ")")
	}()
	call()
}

func isExportedName(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	return r != utf8.RuneError && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
}

// interpretedNamed reports whether t is a named interpreted type. Types
// declared in a function and generic instances have no path.
func interpretedNamed(t *itype) bool {
	return interpreted(t) && t.name != "" && (t.path != "" || !predeclaredTypes[t.name])
}

var predeclaredTypes = map[string]bool{
	"any": true, "bool": true, "byte": true, "comparable": true, "complex64": true, "complex128": true,
	"error": true, "float32": true, "float64": true, "int": true, "int8": true, "int16": true,
	"int32": true, "int64": true, "rune": true, "string": true, "uint": true, "uint8": true,
	"uint16": true, "uint32": true, "uint64": true, "uintptr": true,
}

// typePackage is the package name reflect shows for an interpreted named
// type: main for cells, local types and generic instances.
func typePackage(t *itype) string {
	if t.path == "" {
		return "main"
	}
	return path.Base(t.path)
}

// fmtTypeString returns the name reflect gives a Go type in a compiled
// program: main.point, []main.Celsius, map[string]*main.node,
// main.Pair[string,int], struct { x int }.
func fmtTypeString(t *itype) string {
	return fmtTypeString2(t, map[*itype]bool{})
}

func fmtTypeString2(t *itype, seen map[*itype]bool) string {
	if t == nil {
		return "<nil>"
	}
	if t.cat == valueT {
		if t.rtype != nil {
			return t.rtype.String()
		}
		return t.str
	}
	if interpretedNamed(t) {
		return typePackage(t) + "." + t.name
	}
	if seen[t] {
		return t.str
	}
	seen[t] = true
	defer delete(seen, t)
	sub := func(u *itype) string { return fmtTypeString2(u, seen) }
	switch t.cat {
	case errorT:
		return "error"
	case ptrT:
		return "*" + sub(t.val)
	case sliceT:
		return "[]" + sub(t.val)
	case variadicT:
		return "[]" + sub(t.val)
	case arrayT:
		return "[" + strconv.Itoa(t.length) + "]" + sub(t.val)
	case mapT:
		return "map[" + sub(t.key) + "]" + sub(t.val)
	case chanT:
		return "chan " + sub(t.val)
	case chanRecvT:
		return "<-chan " + sub(t.val)
	case chanSendT:
		return "chan<- " + sub(t.val)
	case funcT:
		var b strings.Builder
		b.WriteString("func(")
		for i, a := range t.arg {
			if i > 0 {
				b.WriteString(", ")
			}
			if a.cat == variadicT {
				b.WriteString("..." + sub(a.val))
			} else {
				b.WriteString(sub(a))
			}
		}
		b.WriteString(")")
		switch len(t.ret) {
		case 0:
		case 1:
			b.WriteString(" " + sub(t.ret[0]))
		default:
			b.WriteString(" (")
			for i, r := range t.ret {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(sub(r))
			}
			b.WriteString(")")
		}
		return b.String()
	case interfaceT:
		if len(t.field) == 0 {
			return "interface {}"
		}
		// Go lists the method set, embedded interfaces' methods
		// included, sorted by name.
		var ms []string
		var add func(u *itype)
		add = func(u *itype) {
			for _, f := range u.field {
				switch {
				case f.embed && f.typ != nil && f.typ.underlying().cat == interfaceT && !seen[f.typ]:
					seen[f.typ] = true
					add(f.typ.underlying())
					delete(seen, f.typ)
				case f.embed:
					ms = append(ms, sub(f.typ))
				default:
					ms = append(ms, f.name+strings.TrimPrefix(sub(f.typ), "func"))
				}
			}
		}
		add(t)
		sort.Strings(ms)
		return "interface { " + strings.Join(ms, "; ") + " }"
	case structT:
		if len(t.field) == 0 {
			return "struct {}"
		}
		var fs []string
		for _, f := range t.field {
			s := sub(f.typ)
			if !f.embed {
				s = f.name + " " + s
			}
			if f.tag != "" {
				s += " " + strconv.Quote(f.tag)
			}
			fs = append(fs, s)
		}
		return "struct { " + strings.Join(fs, "; ") + " }"
	case linkedT:
		return sub(t.val)
	}
	if t.name != "" {
		return t.name
	}
	if rt := t.TypeOf(); rt != nil {
		return rt.String()
	}
	return t.str
}

// fmtCompare orders map keys as fmt does (internal/fmtsort).
func fmtCompare(a, b reflect.Value) int {
	if a.Type() != b.Type() {
		return -2 // fmtsort: incomparable; keeps the order stable
	}
	switch a.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp3(a.Int() < b.Int(), a.Int() > b.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp3(a.Uint() < b.Uint(), a.Uint() > b.Uint())
	case reflect.String:
		return strings.Compare(a.String(), b.String())
	case reflect.Float32, reflect.Float64:
		return floatCompare(a.Float(), b.Float())
	case reflect.Complex64, reflect.Complex128:
		x, y := a.Complex(), b.Complex()
		if c := floatCompare(real(x), real(y)); c != 0 {
			return c
		}
		return floatCompare(imag(x), imag(y))
	case reflect.Bool:
		return cmp3(!a.Bool() && b.Bool(), a.Bool() && !b.Bool())
	case reflect.Ptr, reflect.UnsafePointer, reflect.Chan:
		return cmp3(a.Pointer() < b.Pointer(), a.Pointer() > b.Pointer())
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if c := fmtCompare(a.Field(i), b.Field(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if c := fmtCompare(a.Index(i), b.Index(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Interface:
		switch {
		case a.IsNil() && b.IsNil():
			return 0
		case a.IsNil():
			return -1
		case b.IsNil():
			return 1
		}
		ea, eb := a.Elem(), b.Elem()
		if ea.Type() != eb.Type() {
			return cmp3(ea.Type().String() < eb.Type().String(), ea.Type().String() > eb.Type().String())
		}
		return fmtCompare(ea, eb)
	}
	return 0
}

func cmp3(less, more bool) int {
	switch {
	case less:
		return -1
	case more:
		return 1
	}
	return 0
}

func floatCompare(a, b float64) int {
	switch {
	case math.IsNaN(a) && math.IsNaN(b):
		return 0
	case math.IsNaN(a):
		return -1
	case math.IsNaN(b):
		return 1
	}
	return cmp3(a < b, a > b)
}

// fmtNeeds reports whether a value of static type t must reach fmt as an
// fmtArg: its type is interpreted and fmt would print it differently from
// Go (a name, a field name, a method), or it is an interface whose dynamic
// value may be.
func fmtNeeds(t *itype) bool { return fmtNeeds2(t, map[*itype]bool{}) }

func fmtNeeds2(t *itype, seen map[*itype]bool) bool {
	if t == nil || seen[t] {
		return false
	}
	seen[t] = true
	switch t.cat {
	case nilT:
		return false
	case valueT:
		// A compiled interface (fmt.Stringer, io.Reader) may hold an
		// interpreted value in a wrapper.
		return t.rtype != nil && t.rtype.Kind() == reflect.Interface
	case interfaceT, errorT:
		return true
	case linkedT:
		return true
	case structT:
		return true
	case ptrT, sliceT, arrayT, variadicT, chanT, chanRecvT, chanSendT:
		return interpretedNamed(t) || fmtNeeds2(t.val, seen)
	case mapT:
		return interpretedNamed(t) || fmtNeeds2(t.key, seen) || fmtNeeds2(t.val, seen)
	case funcT:
		for _, a := range append(slices.Clone(t.arg), t.ret...) {
			if fmtNeeds2(a, seen) {
				return true
			}
		}
	}
	return interpretedNamed(t)
}

// fmtDynamicNeeds reports whether v, held in an interface of the
// interpreter, holds an interpreted value.
func (interp *Interpreter) fmtDynamicNeeds(v reflect.Value) bool {
	for v.IsValid() {
		switch {
		case v.Kind() == reflect.Interface:
			if v.IsNil() {
				return false
			}
			v = v.Elem()
			continue
		case v.Type() == valueInterfaceType:
			vi := v.Interface().(valueInterface)
			if vi.node == nil || !vi.value.IsValid() {
				return false
			}
			if t := vi.node.typ; t != nil && !fmtIsInterface(t) {
				return fmtNeeds(t)
			}
			v = vi.value
			continue
		case isMethodWrapper(v.Type()) && wrapsTyped(v):
			v = v.Field(0)
			continue
		}
		break
	}
	if !v.IsValid() {
		return false
	}
	if v.Kind() == reflect.Struct {
		return interp.structType(v.Type()) != nil
	}
	if v.Kind() == reflect.Ptr && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
		// archlab patch: a bare pointer to a program struct (&foo{} in a
		// map[string]any), printed with the struct's fields.
		return interp.structType(v.Elem().Type()) != nil
	}
	return false
}

// structTypes maps the reflect types of interpreted struct types to them,
// for values that reach fmt without their interpreted type.
type structTypes struct {
	mu    sync.RWMutex
	types map[reflect.Type]*itype
}

func (interp *Interpreter) registerStructType(t *itype) {
	if t == nil || t.rtype == nil || t.cat != structT {
		return
	}
	st := &interp.structs
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.types == nil {
		st.types = map[reflect.Type]*itype{}
	}
	st.types[t.rtype] = t
}

func (interp *Interpreter) structType(rt reflect.Type) *itype {
	if interp == nil {
		return nil
	}
	st := &interp.structs
	st.mu.RLock()
	defer st.mu.RUnlock()
	return st.types[rt]
}

// genFmtArg returns a function that gives the argument n of a print
// function: an fmtArg where its value is interpreted, else what orig (the
// upstream conversion) gives. A deferred call or a go statement (held)
// keeps a copy of the value, as it does of its other arguments.
func genFmtArg(n *node, t *itype, raw, orig func(*frame) reflect.Value, held bool) func(*frame) reflect.Value {
	if !fmtNeeds(t) {
		return orig
	}
	in := n.interp
	iface := fmtIsInterface(t)
	return func(f *frame) reflect.Value {
		v := raw(f)
		if iface && !in.fmtDynamicNeeds(v) {
			if r, ok := in.printedReflectType(valueInterfaceValue(v)); ok {
				return r
			}
			return orig(f)
		}
		a := fmtArg{interp: in, t: t, v: v}
		if held {
			o := orig(f)
			a.v = boxedCopy(v)
			a.orig = func() reflect.Value { return o }
		} else {
			a.orig = func() reflect.Value { return orig(f) }
		}
		return reflect.ValueOf(a)
	}
}

// fmtFormatIndex returns the index of the format argument of a print
// function of type ft (Printf, Fprintf, Errorf, log.Fatalf...), or -1.
func fmtFormatIndex(ft reflect.Type, name string) int {
	if !strings.HasSuffix(name, "f") || !ft.IsVariadic() || ft.NumIn() < 2 {
		return -1
	}
	if i := ft.NumIn() - 2; ft.In(i).Kind() == reflect.String {
		return i
	}
	return -1
}

// wrapPrintFunc returns fn, a fmt or log print function, with its format
// argument (at index fi, or -1) rewritten where a %T or %w names an
// interpreted argument, and the interpreter's boxes among its variadic
// arguments (a []any passed with ...) given as fmtArgs.
func wrapPrintFunc(in *Interpreter, fn reflect.Value, fi int, name string) reflect.Value {
	ft := fn.Type()
	spaced := spacedPrint[name] && fi < 0
	return reflect.MakeFunc(ft, func(args []reflect.Value) []reflect.Value {
		rest := args[len(args)-1]
		vals := make([]reflect.Value, rest.Len())
		changed := false
		for i := range vals {
			vals[i] = rest.Index(i)
			e := vals[i]
			if e.Kind() == reflect.Interface && !e.IsNil() {
				e = e.Elem()
			}
			if in.fmtDynamicNeeds(e) {
				vals[i] = reflect.ValueOf(fmtArg{interp: in, v: e, orig: func() reflect.Value { return e }})
				changed = true
			} else if r, ok := in.printedReflectType(e); ok {
				vals[i] = r
				changed = true
			}
		}
		if fi >= 0 {
			if format, vals2, ok := retypeFormat(in, args[fi].String(), vals); ok {
				args = slices.Clone(args)
				args[fi] = reflect.ValueOf(format).Convert(ft.In(fi))
				vals = vals2
				changed = true
			}
		}
		if spaced {
			if joined, ok := in.joinPrintArgs(vals); ok {
				// One string: fmt adds no spaces of its own (archlab).
				vals = []reflect.Value{reflect.ValueOf(joined)}
				changed = true
			}
		}
		if changed {
			args = slices.Clone(args)
			s := reflect.MakeSlice(rest.Type(), len(vals), len(vals))
			for i, v := range vals {
				s.Index(i).Set(v)
			}
			args[len(args)-1] = s
		}
		return fn.CallSlice(args)
	})
}

// spacedPrint are the print functions that put a space between operands
// when neither is a string (fmt.Print, Sprint, Fprint, and log's Print,
// Fatal and Panic, which print as Sprint).
var spacedPrint = map[string]bool{"Print": true, "Sprint": true, "Fprint": true, "Fatal": true, "Panic": true, "Append": true}

// joinPrintArgs renders vals, the operands of a spaced print function, as
// it would, when one of them is a program value whose kind is string (a
// type Color string with a String method) that fmt sees in a wrapper of
// another kind: Go adds no space beside a string operand, fmt would. ok is
// false when no operand is such.
func (in *Interpreter) joinPrintArgs(vals []reflect.Value) (string, bool) {
	isString := make([]bool, len(vals))
	wrapped := false
	for i, v := range vals {
		e := v
		if e.Kind() == reflect.Interface && !e.IsNil() {
			e = e.Elem()
		}
		if !e.IsValid() {
			continue
		}
		if a, ok := e.Interface().(fmtArg); ok {
			p := &fmtPrinter{interp: in}
			_, u := p.unbox(a.t, a.v)
			if u.IsValid() && u.Kind() == reflect.String {
				isString[i], wrapped = true, true
			}
			continue
		}
		isString[i] = e.Kind() == reflect.String
	}
	if !wrapped {
		return "", false
	}
	var b strings.Builder
	for i, v := range vals {
		if i > 0 && !isString[i] && !isString[i-1] {
			b.WriteByte(' ')
		}
		var x interface{}
		if v.IsValid() && v.CanInterface() {
			x = v.Interface()
		}
		fmt.Fprint(&b, x)
	}
	return b.String(), true
}

// constantFormatPlain reports whether n is a constant format without a
// T or w in it (so without %T or %w).
func constantFormatPlain(n *node) bool {
	if !n.rval.IsValid() || n.rval.Kind() != reflect.String {
		return false
	}
	return !strings.ContainsAny(n.rval.String(), "Twp")
}

// isUnmarshalFunc reports whether fn is json.Unmarshal or xml.Unmarshal.
func isUnmarshalFunc(fn reflect.Value) bool {
	if !fn.IsValid() || fn.Kind() != reflect.Func {
		return false
	}
	p := fn.Pointer()
	return p == reflect.ValueOf(json.Unmarshal).Pointer() || p == reflect.ValueOf(xml.Unmarshal).Pointer()
}

// printFuncs are the print functions whose arguments are given as
// fmtArgs, by package path.
var printFuncs = map[string]map[string]bool{
	"fmt": {"Print": true, "Printf": true, "Println": true, "Sprint": true, "Sprintf": true, "Sprintln": true,
		"Fprint": true, "Fprintf": true, "Fprintln": true, "Errorf": true,
		"Append": true, "Appendf": true, "Appendln": true},
	"log": {"Print": true, "Printf": true, "Println": true, "Fatal": true, "Fatalf": true, "Fatalln": true,
		"Panic": true, "Panicf": true, "Panicln": true},
}

// isPrintFunc reports whether c0, the function of a call, is one of
// printFuncs or a print method of a *log.Logger.
func isPrintFunc(c0 *node) bool {
	if c0.kind != selectorExpr || len(c0.child) < 2 {
		return false
	}
	x, name := c0.child[0], c0.child[1].ident
	if isLoggerType(x.typ) {
		return printFuncs["log"][name]
	}
	if !c0.rval.IsValid() || x.sym == nil || x.sym.typ == nil || x.sym.typ.cat != binPkgT {
		return false
	}
	return printFuncs[x.sym.typ.path][name]
}

var loggerType = reflect.TypeOf((*log.Logger)(nil))

// isLoggerType reports whether t is *log.Logger, as a compiled type or as
// a pointer the program wrote (a func's parameter l *log.Logger).
func isLoggerType(t *itype) bool {
	switch {
	case t == nil:
		return false
	case t.cat == valueT:
		return t.rtype == loggerType
	case t.cat == ptrT && t.val != nil && t.val.cat == valueT:
		return t.val.rtype == loggerType.Elem()
	}
	return false
}

// retypeFormat rewrites format for the arguments args where a %T names an
// interpreted value (the type's Go name is printed with %s) or %w or %p
// one that went to fmt as an fmtArg (it gets the value upstream passed). Every
// directive then gets an explicit argument index.
func retypeFormat(in *Interpreter, format string, args []reflect.Value) (string, []reflect.Value, bool) {
	if !strings.ContainsAny(format, "Twp") {
		return "", nil, false
	}
	typeName := func(a reflect.Value) (string, bool) {
		for a.IsValid() && a.Kind() == reflect.Interface && !a.IsNil() {
			a = a.Elem()
		}
		if !a.IsValid() || !a.CanInterface() {
			return "", false
		}
		switch x := a.Interface().(type) {
		case fmtArg:
			p := &fmtPrinter{interp: in}
			t, v := p.unbox(x.t, x.v)
			if !v.IsValid() {
				return "<nil>", true
			}
			if t == nil {
				return v.Type().String(), true
			}
			return fmtTypeString(t), true
		case valueInterface:
			p := &fmtPrinter{interp: in}
			t, v := p.unbox(nil, a)
			if !v.IsValid() {
				return "<nil>", true
			}
			if t == nil {
				return v.Type().String(), true
			}
			return fmtTypeString(t), true
		}
		return "", false
	}
	var out strings.Builder
	vals := slices.Clone(args)
	changed := false
	argNum := 0
	i := 0
	for i < len(format) {
		c := format[i]
		if c != '%' {
			out.WriteByte(c)
			i++
			continue
		}
		start := i
		i++
		// flags
		for i < len(format) && strings.IndexByte("#0+- ", format[i]) >= 0 {
			i++
		}
		var b strings.Builder
		b.WriteString(format[start:i])
		// argIndex reads an explicit [n] and returns whether it was there.
		argIndex := func() bool {
			if i < len(format) && format[i] == '[' {
				j := strings.IndexByte(format[i:], ']')
				if j < 0 {
					return false
				}
				n, err := strconv.Atoi(format[i+1 : i+j])
				if err != nil || n < 1 {
					return false
				}
				argNum = n - 1
				i += j + 1
				return true
			}
			return true
		}
		// star consumes a * (width or precision) or digits.
		star := func() bool {
			if !argIndex() {
				return false
			}
			if i < len(format) && format[i] == '*' {
				b.WriteString("[" + strconv.Itoa(argNum+1) + "]*")
				argNum++
				i++
				return true
			}
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				b.WriteByte(format[i])
				i++
			}
			return true
		}
		if !star() {
			return "", nil, false
		}
		if i < len(format) && format[i] == '.' {
			b.WriteByte('.')
			i++
			if !star() {
				return "", nil, false
			}
		}
		if !argIndex() || i >= len(format) {
			return "", nil, false
		}
		verb, size := utf8.DecodeRuneInString(format[i:])
		i += size
		if verb == '%' {
			out.WriteString(format[start:i])
			continue
		}
		if argNum >= len(args) {
			return "", nil, false // fmt reports the missing argument
		}
		a := args[argNum]
		switch verb {
		case 'T':
			if name, ok := typeName(a); ok {
				vals = append(vals, reflect.ValueOf(name))
				b.WriteString("[" + strconv.Itoa(len(vals)) + "]s")
				changed = true
				out.WriteString(b.String())
				argNum++
				continue
			}
		case 'w', 'p':
			// %w, and %p, which fmt prints before it looks for a
			// Formatter: the value itself, not its fmtArg (archlab
			// patch: %p of a pointer to a program type printed
			// %!p(interp.fmtArg=...)).
			for a.IsValid() && a.Kind() == reflect.Interface && !a.IsNil() {
				a = a.Elem()
			}
			if a.IsValid() && a.CanInterface() {
				if x, ok := a.Interface().(fmtArg); ok {
					vals[argNum] = x.orig()
					changed = true
				}
			}
		}
		b.WriteString("[" + strconv.Itoa(argNum+1) + "]")
		b.WriteRune(verb)
		out.WriteString(b.String())
		argNum++
	}
	if !changed || argNum < len(args) {
		// Unchanged, or extra arguments fmt reports only without
		// explicit indexes.
		return "", nil, false
	}
	return out.String(), vals, true
}

type methodKey struct {
	t    *itype
	name string
}

type methodEntry struct {
	m     *node
	index []int
}

// cachedMethod is t.lookupMethod(name), remembered: fmt asks for the same
// few methods of the same types again and again.
func (interp *Interpreter) cachedMethod(t *itype, name string) (*node, []int) {
	if interp == nil {
		return t.lookupMethod(name)
	}
	k := methodKey{t, name}
	if e, ok := interp.fmtMethods.Load(k); ok {
		e := e.(methodEntry)
		return e.m, e.index
	}
	m, index := t.lookupMethod(name)
	interp.fmtMethods.Store(k, methodEntry{m, index})
	return m, index
}
