package interp

import (
	"encoding/gob"
	"reflect"
)

// encoding/gob sends a struct's exported fields. reflect sees a program
// struct's unexported fields exported under another name (Xsecret), so gob
// sent them, and a round trip kept values Go drops. A gob.Encoder's Encode
// of a program value encodes a shadow of it whose structs have only the
// fields the program exports; decoding needs nothing, as only those are
// sent. An archlab addition.

var gobEncoderType = reflect.TypeOf((*gob.Encoder)(nil))

// gobType returns the type of the shadow of a value of type t, or nil
// where the value is sent as it is.
func gobType(t *itype, seen map[*itype]bool) reflect.Type {
	if t == nil || seen[t] || t.cat == valueT || isInterface(t) {
		return nil
	}
	seen[t] = true
	defer delete(seen, t)
	u := t
	for u.cat == linkedT && u.val != nil {
		u = u.val
	}
	switch u.cat {
	case structT:
		changed := false
		var fields []reflect.StructField
		for _, f := range u.field {
			if !canExport(f.name) || f.name == "_" {
				changed = true
				continue
			}
			ft := gobType(f.typ, seen)
			if ft != nil {
				changed = true
			} else {
				ft = f.typ.TypeOf()
			}
			fields = append(fields, reflect.StructField{Name: f.name, Type: ft, Tag: reflect.StructTag(f.tag), Anonymous: f.embed && ft.Kind() == reflect.Struct})
		}
		if !changed {
			return nil
		}
		return reflect.StructOf(fields)
	case ptrT:
		if et := gobType(u.val, seen); et != nil {
			return reflect.PointerTo(et)
		}
	case sliceT, variadicT:
		if et := gobType(u.val, seen); et != nil {
			return reflect.SliceOf(et)
		}
	case arrayT:
		if et := gobType(u.val, seen); et != nil {
			return reflect.ArrayOf(u.length, et)
		}
	case mapT:
		if et := gobType(u.val, seen); et != nil {
			return reflect.MapOf(u.key.TypeOf(), et)
		}
	}
	return nil
}

// gobShadow returns v, a value of type t, as a value of its shadow type
// st (gobType's).
func gobShadow(t *itype, v reflect.Value, st reflect.Type) reflect.Value {
	u := t
	for u.cat == linkedT && u.val != nil {
		u = u.val
	}
	out := reflect.New(st).Elem()
	switch u.cat {
	case structT:
		k := 0
		for i, f := range u.field {
			if !canExport(f.name) || f.name == "_" {
				continue
			}
			fv := v.Field(i)
			if ft := out.Field(k).Type(); ft != fv.Type() {
				fv = gobShadow(f.typ, fv, ft)
			}
			out.Field(k).Set(fv)
			k++
		}
	case ptrT:
		if !v.IsNil() {
			p := reflect.New(st.Elem())
			p.Elem().Set(gobShadow(u.val, v.Elem(), st.Elem()))
			out.Set(p)
		}
	case sliceT, variadicT, arrayT:
		if u.cat != arrayT {
			if v.IsNil() {
				return out
			}
			out.Set(reflect.MakeSlice(st, v.Len(), v.Len()))
		}
		for i := 0; i < v.Len(); i++ {
			out.Index(i).Set(gobShadow(u.val, v.Index(i), st.Elem()))
		}
	case mapT:
		if v.IsNil() {
			return out
		}
		out.Set(reflect.MakeMapWithSize(st, v.Len()))
		iter := v.MapRange()
		for iter.Next() {
			out.SetMapIndex(iter.Key(), gobShadow(u.val, iter.Value(), st.Elem()))
		}
	}
	return out
}

// gobEncodeMethod returns the replacement of a gob.Encoder's Encode for a
// value of the program type t, given the encoder, or nil where none is
// needed.
func gobEncodeMethod(recv *itype, method string, t *itype) func(enc reflect.Value) reflect.Value {
	if recv == nil || recv.cat != valueT || recv.rtype != gobEncoderType || method != "Encode" || t == nil {
		return nil
	}
	st := gobType(t, map[*itype]bool{})
	if st == nil {
		return nil
	}
	return func(enc reflect.Value) reflect.Value {
		e, ok := enc.Interface().(*gob.Encoder)
		if !ok || e == nil {
			return reflect.Value{}
		}
		return reflect.ValueOf(func(v any) error {
			rv := reflect.ValueOf(v)
			if !rv.IsValid() || rv.Type() == st {
				return e.Encode(v)
			}
			for rv.Kind() == reflect.Interface && !rv.IsNil() {
				rv = rv.Elem()
			}
			return e.Encode(gobShadow(t, rv, st).Interface())
		})
	}
}
