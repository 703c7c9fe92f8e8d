package interp

import (
	"reflect"
	"sort"
	"sync"
)

// namedIfaceCompare generates n, an == (or != where neg) between an
// interface and a value of a named non-struct type of the program (c ==
// Green with c an any, Green a Color): the value is compared as the box
// the interpreter makes for it in an interface, so that its type counts,
// as in Go. Upstream compared the bare value with the box (false for
// equal values). It reports whether n was of that form. An archlab
// addition.
func namedIfaceCompare(n *node, neg bool) bool {
	c0, c1 := n.child[0], n.child[1]
	switch {
	case c0.typ == nil || c1.typ == nil:
		return false
	case isInterface(c0.typ) && isNamedNonStruct(c1.typ):
	case isInterface(c1.typ) && isNamedNonStruct(c0.typ):
	default:
		return false
	}
	operand := func(c *node) func(*frame) interface{} {
		v := genValue(c)
		if isNamedNonStruct(c.typ) {
			return func(f *frame) interface{} { return valueInterface{c, v(f)} }
		}
		return func(f *frame) interface{} { return v(f).Interface() }
	}
	o0, o1 := operand(c0), operand(c1)
	tnext := getExec(n.tnext)
	dest := genValueOutput(n, reflect.TypeOf(true))
	if n.fnext != nil {
		fnext := getExec(n.fnext)
		n.exec = func(f *frame) bltn {
			r := ifaceEqual(o0(f), o1(f)) != neg
			dest(f).SetBool(r)
			if r {
				return tnext
			}
			return fnext
		}
		return true
	}
	n.exec = func(f *frame) bltn {
		dest(f).SetBool(ifaceEqual(o0(f), o1(f)) != neg)
		return tnext
	}
	return true
}

// bareType returns the program's type of c, a struct value (or a pointer
// to one) that reached an interface without the interpreter's box: through
// compiled code (a container/list element, a value a callback got as an
// any). The struct's reflect type names it (see typeIdentityTag). nil
// where c is not of a named struct type of the program. An archlab
// addition.
func (interp *Interpreter) bareType(c reflect.Value) *itype {
	if interp == nil || !c.IsValid() {
		return nil
	}
	rt := c.Type()
	ptr := rt.Kind() == reflect.Ptr
	if ptr {
		rt = rt.Elem()
	}
	if rt.Kind() != reflect.Struct || rt.Name() != "" {
		return nil
	}
	t := interp.structType(rt)
	if t == nil || t.name == "" {
		return nil
	}
	if ptr {
		return ptrOf(t)
	}
	return t
}

// interpOf returns the interpreter of the program type t, or nil.
func interpOf(t *itype) *Interpreter {
	if t != nil && t.node != nil {
		return t.node.interp
	}
	return nil
}

// convertToIfaceBox generates n, the conversion of a concrete value to an
// interface of the program (Shape(sq)): the value boxed with its type.
func convertToIfaceBox(n *node) {
	value := genValueInterface(n.child[1])
	dest := genValue(n)
	next := getExec(n.tnext)
	n.exec = func(f *frame) bltn {
		dest(f).Set(value(f))
		return next
	}
}

// sortedKeys returns the method names of ms in order.
func sortedKeys(ms methodSet) []string {
	keys := make([]string, 0, len(ms))
	for k := range ms {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// isCompiledPtr reports whether t is a pointer to a compiled type
// (new(strings.Builder)), whose methods are the compiled ones: not boxed.
func isCompiledPtr(t *itype) bool {
	return t != nil && t.cat == ptrT && t.val != nil && t.val.cat == valueT
}

// holdsIfaceCache maps a reflect.Type to whether holdsInterfaces is true
// of it. Types only ever gain entries, each with a fixed answer.
var holdsIfaceCache sync.Map

// holdsInterfaces reports whether t, a struct or array type, has an
// interface, a box of the interpreter or a method wrapper among its fields
// or elements (not behind pointers, slices or maps, which == does not
// look through): == on its values must compare what those hold.
func holdsInterfaces(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct, reflect.Array:
	default:
		return false
	}
	if r, ok := holdsIfaceCache.Load(t); ok {
		return r.(bool)
	}
	r := false
	switch {
	case t == valueInterfaceType || isMethodWrapper(t):
		r = true
	case t.Kind() == reflect.Array:
		r = t.Elem().Kind() == reflect.Interface || holdsInterfaces(t.Elem())
	default:
		for i := 0; i < t.NumField() && !r; i++ {
			ft := t.Field(i).Type
			r = ft.Kind() == reflect.Interface || holdsInterfaces(ft)
		}
	}
	holdsIfaceCache.Store(t, r)
	return r
}

// deepIfaceEqual compares a and b, values of one struct or array type
// that holdsInterfaces, field by field as Go's == does: interfaces, boxes
// and wrappers by the values they hold (ifaceEqual), other fields with ==.
// A field that cannot be read as an interface (an unexported field of a
// compiled struct) is compared with reflect's Equal.
func deepIfaceEqual(a, b reflect.Value) bool {
	t := a.Type()
	switch {
	case t == valueInterfaceType || isMethodWrapper(t) || t.Kind() == reflect.Interface:
		if !a.CanInterface() || !b.CanInterface() {
			return a.Equal(b)
		}
		return ifaceEqual(a.Interface(), b.Interface())
	case t.Kind() == reflect.Array && holdsInterfaces(t):
		for i := 0; i < a.Len(); i++ {
			if !deepIfaceEqual(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case t.Kind() == reflect.Struct && holdsInterfaces(t):
		for i := 0; i < a.NumField(); i++ {
			if !deepIfaceEqual(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case !a.CanInterface() || !b.CanInterface():
		return a.Equal(b)
	}
	return a.Interface() == b.Interface()
}

// assertIfaceName is the name of t, an interface asserted to, in Go's panic
// messages: id for a named one, Go's spelling (methods sorted) for an
// unnamed one.
func assertIfaceName(t *itype, id string) string {
	if t != nil && t.name == "" && t.cat == interfaceT {
		return fmtTypeString(t)
	}
	return id
}

// constOperand returns the value of c, a constant operand of == or !=, as
// a value of the other operand's type where that is a concrete one: a
// named type's constant (Write of type Perm = 1 << iota, Root Path = "/" +
// "root") may be kept as an int64 or a constant.Value, which == on
// interfaces took for another value (p == Write was false).
func constOperand(c, other *node) interface{} {
	rv := c.rval
	t := other.typ.TypeOf()
	if t == nil || t.Kind() == reflect.Interface || t == valueInterfaceType {
		return rv.Interface()
	}
	if isConstantValue(rv.Type()) {
		tmp := *c
		convertConstantValue(&tmp)
		rv = tmp.rval
	}
	if rv.Type() != t && rv.Type().ConvertibleTo(t) {
		rv = rv.Convert(t)
	}
	return rv.Interface()
}

// chanDirCompare compiles n, a == (or != with neg) of two channels of
// different directions (c == r with r a <-chan of c), as one of the
// channels' identities, and reports whether it did (archlab addition:
// reflect holds them as values of two types, never equal).
func chanDirCompare(n *node, neg bool) bool {
	c0, c1 := n.child[0], n.child[1]
	if c0.typ == nil || c1.typ == nil || c0.isNil() || c1.isNil() {
		return false
	}
	t0, t1 := c0.typ.TypeOf(), c1.typ.TypeOf()
	if t0 == nil || t1 == nil || t0 == t1 || t0.Kind() != reflect.Chan || t1.Kind() != reflect.Chan {
		return false
	}
	tnext := getExec(n.tnext)
	var fnext bltn
	if n.fnext != nil {
		fnext = getExec(n.fnext)
	}
	dest := genValueOutput(n, reflect.TypeOf(true))
	v0, v1 := genValue(c0), genValue(c1)
	n.exec = func(f *frame) bltn {
		eq := v0(f).Pointer() == v1(f).Pointer()
		if neg {
			eq = !eq
		}
		dest(f).SetBool(eq)
		if fnext != nil && !eq {
			return fnext
		}
		return tnext
	}
	return true
}
