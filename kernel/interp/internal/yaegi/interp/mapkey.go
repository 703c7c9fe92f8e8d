package interp

import (
	"reflect"
	"runtime"
	"sync"
	"unsafe"
	"weak"
)

// Map keys that hold the interpreter's boxes (archlab addition).
//
// A value of a program type in an interface is a valueInterface: the node
// that made it (for its type) and a reflect.Value. Go's map hashes such a
// struct by its bits, the node's address and the reflect.Value's data
// pointer, so two equal keys made at two places were two entries, and a
// lookup missed the entry it should find. Keys are made canonical before
// the map sees them: one node per type (the first seen) and one reflect
// value per distinct value, kept in the interpreter's key table for as
// long as a map (or anything else) holds it. Equal keys then have equal
// bits.

// keyTable holds the canonical nodes and values of one interpreter.
type keyTable struct {
	mu    sync.Mutex
	nodes map[string]*node                   // type id → the node boxes of it use
	vals  map[interface{}]weak.Pointer[byte] // value → its canonical data
}

// mapKeys returns the interpreter's key table, made on first use.
func (interp *Interpreter) mapKeys() *keyTable {
	interp.keysOnce.Do(func() {
		interp.keys = &keyTable{nodes: map[string]*node{}, vals: map[interface{}]weak.Pointer[byte]{}}
	})
	return interp.keys
}

// needsKeyCanon reports whether keys of type kt may hold boxes: an
// interface, a box, or a struct or array with either inside.
func needsKeyCanon(kt reflect.Type) bool {
	return kt.Kind() == reflect.Interface || holdsInterfaces(kt)
}

// genMapKey returns the generator of c as a key of the map m: boxed where
// the key type is an interface of the program, or an empty interface and c
// of a named non-struct type of the program (Color(1) and 1 are two keys
// of a map[any]), and canonical where the key type may hold boxes. insert
// is true where the key is stored (an assignment), false where it is only
// looked up or deleted: a value seen for the first time is then not
// recorded, as no map can hold it.
func genMapKey(m, c *node, insert bool) func(*frame) reflect.Value {
	var kt reflect.Type
	if mt := m.typ.TypeOf(); mt != nil && mt.Kind() == reflect.Map {
		kt = mt.Key()
	}
	var kit *itype
	if u := m.typ.underlying(); u.cat == mapT {
		kit = u.key
	}
	if kt != nil && c.rval.IsValid() {
		convertLiteralValue(c, kt) // a typed constant still a constant.Value (archlab patch)
	}
	var value func(*frame) reflect.Value
	switch {
	case kt != nil && c.typ != nil && c.typ.cat == nilT:
		// archlab patch: m[nil] with pointer, channel or interface keys
		// is the key type's nil.
		z := reflect.Zero(kt)
		value = func(*frame) reflect.Value { return z }
	case kt == valueInterfaceType || isInterfaceSrc(c.typ):
		value = genValueInterface(c)
	case kt != nil && kt.Kind() == reflect.Interface && isNamedNonStruct(c.typ):
		v := genValue(c)
		value = func(f *frame) reflect.Value { return reflect.ValueOf(valueInterface{c, boxedCopy(v(f))}) }
	case kit != nil && kt != nil && kt.Kind() == reflect.Interface:
		value = genDestValue(kit, c) // a compiled interface's wrapper
	default:
		value = genValue(c)
	}
	if kt == nil || !needsKeyCanon(kt) || c.interp == nil {
		return value
	}
	if ct := c.typ.TypeOf(); ct != nil && isScalarKind(ct.Kind()) && !isNamedNonStruct(c.typ) {
		return value // an int or a string of a map[any]: nothing to box
	}
	keys := c.interp.mapKeys()
	return func(f *frame) reflect.Value { return keys.key(value(f), insert) }
}

// key returns v made canonical: the boxes in it replaced by canonical ones.
func (t *keyTable) key(v reflect.Value, insert bool) reflect.Value {
	if !v.IsValid() {
		return v
	}
	vt := v.Type()
	switch {
	case vt == valueInterfaceType:
		if !v.CanInterface() {
			return v
		}
		return reflect.ValueOf(t.box(v.Interface().(valueInterface), insert))
	case vt.Kind() == reflect.Interface:
		if v.IsNil() {
			return v
		}
		e := v.Elem()
		c := t.key(e, insert)
		if c == e {
			return v
		}
		r := reflect.New(vt).Elem()
		r.Set(c)
		return r
	case !holdsInterfaces(vt) || isMethodWrapper(vt):
		return v
	}
	r := reflect.New(vt).Elem()
	r.Set(v)
	if vt.Kind() == reflect.Array {
		for i := 0; i < r.Len(); i++ {
			r.Index(i).Set(t.key(r.Index(i), insert))
		}
		return r
	}
	for i := 0; i < r.NumField(); i++ {
		if fv := r.Field(i); fv.CanSet() && needsKeyCanon(fv.Type()) {
			fv.Set(t.key(fv, insert))
		}
	}
	return r
}

// box returns the canonical box of vi's value and type.
func (t *keyTable) box(vi valueInterface, insert bool) valueInterface {
	if vi.node != nil && vi.node.typ != nil {
		id := vi.node.typ.id()
		t.mu.Lock()
		if n, ok := t.nodes[id]; ok {
			vi.node = n
		} else if insert {
			t.nodes[id] = vi.node
		}
		t.mu.Unlock()
	}
	v := vi.value
	if !v.IsValid() || !v.CanInterface() {
		return vi
	}
	v = t.key(v, insert)
	switch v.Kind() {
	case reflect.Ptr, reflect.Map, reflect.Chan, reflect.Func, reflect.UnsafePointer, reflect.Interface:
		// Their reflect values hold no copy of the data: equal values
		// made anywhere have equal bits once read out of any variable.
		if v.Kind() != reflect.Interface {
			v = reflect.ValueOf(v.Interface())
		}
	default:
		if v.Type().Size() == 0 {
			v = reflect.New(v.Type()).Elem()
		} else {
			v = t.value(v, insert)
		}
	}
	vi.value = v
	return vi
}

// value returns the canonical copy of v, a value held by its data: made
// the first time when insert, or v itself when not and none is known.
// The copy lives as long as something refers to it; its entry then goes.
func (t *keyTable) value(v reflect.Value, insert bool) reflect.Value {
	x := v.Interface() // hashing panics here as Go's map would, for an unhashable value
	t.mu.Lock()
	defer t.mu.Unlock()
	if wp, ok := t.vals[x]; ok {
		if p := wp.Value(); p != nil {
			return reflect.NewAt(v.Type(), unsafe.Pointer(p)).Elem()
		}
	}
	if !insert {
		return v
	}
	c := reflect.New(v.Type())
	c.Elem().Set(v)
	p := (*byte)(c.UnsafePointer())
	wp := weak.Make(p)
	t.vals[x] = wp
	runtime.AddCleanup(p, func(x interface{}) {
		t.mu.Lock()
		if cur, ok := t.vals[x]; ok && cur.Value() == nil {
			delete(t.vals, x)
		}
		t.mu.Unlock()
	}, x)
	return c.Elem()
}

// boxedKeys reports whether m, a map, has keys that genMapKey boxes or
// makes canonical.
func boxedKeys(m *node) bool {
	if m.typ == nil {
		return false
	}
	mt := m.typ.TypeOf()
	return mt != nil && mt.Kind() == reflect.Map && needsKeyCanon(mt.Key())
}

// isScalarKind reports whether k is a kind of booleans, numbers or strings.
func isScalarKind(k reflect.Kind) bool {
	return k >= reflect.Bool && k <= reflect.Complex128 || k == reflect.String
}
