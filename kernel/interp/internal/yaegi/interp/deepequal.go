package interp

import (
	"reflect"
	"unsafe"
)

// archlab patch: reflect.DeepEqual for the interpreter. A value of a
// program type held in an interface is kept in a box (valueInterface,
// namedBox or a method wrapper) that records where it was converted, so
// reflect.DeepEqual saw two equal values converted at two places as
// different (var a, b any = T{}, T{} gave false). interpDeepEqual
// compares what the boxes hold, and the interpreted types they name.

// deepVisit is a pair of references already being compared, which ends
// the walk of cyclic values as reflect.DeepEqual does.
type deepVisit struct {
	a, b unsafe.Pointer
	t    reflect.Type
}

// interpDeepEqual replaces reflect.DeepEqual in programs.
func interpDeepEqual(x, y interface{}) bool {
	if x == nil || y == nil {
		return x == nil && y == nil
	}
	return deepEqualValues(reflect.ValueOf(x), reflect.ValueOf(y), map[deepVisit]bool{})
}

// isBox reports whether v is one of the interpreter's boxes of a value
// held in an interface.
func isBox(v reflect.Value) bool {
	t := v.Type()
	return t == valueInterfaceType || t == namedBoxType || isMethodWrapper(t)
}

// unboxValue returns what the box v holds, and the Go spelling of the
// type it was boxed with ("" where unknown); ok is false where v cannot
// be read.
func unboxValue(v reflect.Value) (inner reflect.Value, typ string, ok bool) {
	if !v.CanInterface() {
		return v, "", false
	}
	var vi valueInterface
	switch b := v.Interface().(type) {
	case valueInterface:
		vi = b
	case namedBox:
		return reflect.ValueOf(b.v), fmtTypeString(b.t), true
	default:
		f := v.Field(0)
		if f.Kind() == reflect.Interface && !f.IsNil() {
			f = f.Elem()
		}
		if !f.IsValid() || f.Type() != valueInterfaceType || !f.CanInterface() {
			return f, "", true
		}
		vi = f.Interface().(valueInterface)
	}
	if vi.node != nil && vi.node.typ != nil && !fmtIsInterface(vi.node.typ) {
		typ = fmtTypeString(vi.node.typ)
	}
	return vi.value, typ, true
}

// readable returns v with its read-only flag cleared where v is
// addressable, so that boxes in unexported fields can be opened.
func readable(v reflect.Value) reflect.Value {
	if v.CanInterface() || !v.CanAddr() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

func deepEqualValues(a, b reflect.Value, visited map[deepVisit]bool) bool {
	a, b = readable(a), readable(b)
	for a.IsValid() && b.IsValid() && (a.Kind() == reflect.Interface || b.Kind() == reflect.Interface || isBox(a) || isBox(b)) {
		if a.Kind() == reflect.Interface || b.Kind() == reflect.Interface {
			if a.Kind() == reflect.Interface {
				if a.IsNil() {
					return b.Kind() == reflect.Interface && b.IsNil()
				}
				a = readable(a.Elem())
			}
			if b.Kind() == reflect.Interface {
				if b.IsNil() {
					return false
				}
				b = readable(b.Elem())
			}
			continue
		}
		// Two values are of one type where the boxes' types have one
		// spelling, or a box's type is the spelling of the other's
		// compiled type ([]Celsius is not []float64, which reflect
		// cannot tell).
		var ta, tb string
		if isBox(a) {
			var ok bool
			if a, ta, ok = unboxValue(a); !ok {
				break
			}
		} else {
			ta = a.Type().String()
		}
		if isBox(b) {
			var ok bool
			if b, tb, ok = unboxValue(b); !ok {
				break
			}
		} else {
			tb = b.Type().String()
		}
		if ta != "" && tb != "" && ta != tb {
			return false
		}
	}
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Map, reflect.Slice, reflect.Pointer:
		if a.Kind() != reflect.Slice || a.Len() > 0 {
			pa, pb := a.UnsafePointer(), b.UnsafePointer()
			if pa != nil && pb != nil {
				if uintptr(pa) > uintptr(pb) {
					pa, pb = pb, pa
				}
				k := deepVisit{pa, pb, a.Type()}
				if visited[k] {
					return true
				}
				visited[k] = true
			}
		}
	}
	switch a.Kind() {
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if !deepEqualValues(a.Index(i), b.Index(i), visited) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		for i := 0; i < a.Len(); i++ {
			if !deepEqualValues(a.Index(i), b.Index(i), visited) {
				return false
			}
		}
		return true
	case reflect.Pointer:
		if a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		return deepEqualValues(a.Elem(), b.Elem(), visited)
	case reflect.Struct:
		if !a.CanAddr() && a.CanInterface() {
			c := reflect.New(a.Type()).Elem()
			c.Set(a)
			a = c
		}
		if !b.CanAddr() && b.CanInterface() {
			c := reflect.New(b.Type()).Elem()
			c.Set(b)
			b = c
		}
		for i := 0; i < a.NumField(); i++ {
			if !deepEqualValues(a.Field(i), b.Field(i), visited) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.UnsafePointer() == b.UnsafePointer() {
			return true
		}
		iter := a.MapRange()
		for iter.Next() {
			vb := b.MapIndex(iter.Key())
			if !vb.IsValid() && a.Type().Key().Kind() == reflect.Interface {
				vb = deepMapLookup(b, iter.Key(), visited)
			}
			if !vb.IsValid() || !deepEqualValues(iter.Value(), vb, visited) {
				return false
			}
		}
		return true
	case reflect.Func:
		return a.IsNil() && b.IsNil()
	}
	return a.Equal(b)
}

// deepMapLookup finds the value of key in m, a map keyed by an interface,
// by comparing what the keys' boxes hold.
func deepMapLookup(m, key reflect.Value, visited map[deepVisit]bool) reflect.Value {
	iter := m.MapRange()
	for iter.Next() {
		if deepEqualValues(iter.Key(), key, visited) {
			return iter.Value()
		}
	}
	return reflect.Value{}
}
