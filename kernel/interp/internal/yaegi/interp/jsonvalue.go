package interp

// An archlab addition: encoding/json's Marshal of values whose interpreted
// types have MarshalJSON or MarshalText methods below the top level.
//
// reflect sees an interpreted type without its methods, so json.Marshal
// of a struct with a field of such a type (type Status int with a
// MarshalJSON method, as a field) encoded the field as its underlying
// value. json.Marshal and json.MarshalIndent therefore get a shadow of
// such a value: the same fields, names and tags, with what those methods
// return in place of the values that have them.

import (
	"encoding/json"
	"reflect"
	"strings"
)

// jsonMarshalError is the error of an interpreted MarshalJSON or
// MarshalText method, reported as json reports it.
type jsonMarshalError struct {
	typ, method string
	err         error
}

func (e *jsonMarshalError) Error() string {
	return "json: error calling " + e.method + " for type " + e.typ + ": " + e.err.Error()
}

func (e *jsonMarshalError) Unwrap() error { return e.err }

var anyType = reflect.TypeOf((*interface{})(nil)).Elem()

// jsonNeeds reports whether a value of static type t may hold a value of
// an interpreted type with a MarshalJSON or MarshalText method.
func jsonNeeds(t *itype) bool { return jsonNeeds2(t, map[*itype]bool{}) }

func jsonNeeds2(t *itype, seen map[*itype]bool) bool {
	if t == nil || seen[t] || t.cat == valueT || t.cat == nilT {
		return false
	}
	seen[t] = true
	if isInterfaceSrc(t) {
		return true
	}
	if jsonMethod(t) != "" {
		return true
	}
	switch t.cat {
	case linkedT:
		return jsonNeeds2(t.val, seen)
	case ptrT, sliceT, arrayT, variadicT:
		return jsonNeeds2(t.val, seen)
	case mapT:
		return jsonNeeds2(t.val, seen)
	case structT:
		for _, f := range t.field {
			if jsonNeeds2(f.typ, seen) {
				return true
			}
		}
	}
	return false
}

// jsonMethod returns "MarshalJSON" or "MarshalText" when t's method set
// (or *t's) has one, else "".
func jsonMethod(t *itype) string {
	for _, name := range []string{"MarshalJSON", "MarshalText"} {
		if m, _ := t.lookupMethod(name); m != nil {
			return name
		}
	}
	return ""
}

// jsonShadow returns what json.Marshal should encode for v, of static
// type t: v itself when nothing in it has an interpreted method, else a
// copy in which such values are replaced by their methods' results.
func (interp *Interpreter) jsonShadow(t *itype, v reflect.Value, addressable bool) reflect.Value {
	p := &fmtPrinter{interp: interp}
	t, v = p.unbox(t, v)
	if !v.IsValid() {
		return reflect.Zero(anyType)
	}
	if t == nil || !jsonNeeds(t) {
		return v
	}
	if name := jsonMethod(t); name != "" {
		m, index := t.lookupMethod(name)
		usable := t.cat == ptrT || len(index) > 0 || !hasPtrReceiver(m) || addressable
		if usable && !(t.cat == ptrT && v.IsNil()) {
			recv := v
			if t.cat != ptrT && hasPtrReceiver(m) && len(index) == 0 {
				c := reflect.New(v.Type())
				c.Elem().Set(v)
				recv = c
			}
			nod := *m
			nod.recv = &receiver{nil, recv, index}
			out := genFunctionWrapper(&nod)(interp.frame).Call(nil)
			if err, _ := out[1].Interface().(error); err != nil {
				panic(&jsonMarshalError{fmtTypeString(t), name, err})
			}
			if name == "MarshalJSON" {
				return reflect.ValueOf(json.RawMessage(out[0].Bytes()))
			}
			return reflect.ValueOf(string(out[0].Bytes()))
		}
	}
	u := t
	for u.cat == linkedT && u.val != nil {
		u = u.val
	}
	switch v.Kind() {
	case reflect.Ptr:
		if v.IsNil() || u.cat != ptrT {
			return v
		}
		return interp.jsonShadow(u.val, v.Elem(), true)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() || (u.cat != sliceT && u.cat != arrayT && u.cat != variadicT) {
			return v
		}
		out := make([]interface{}, v.Len())
		for i := range out {
			out[i] = interp.jsonShadow(u.val, v.Index(i), v.Kind() == reflect.Slice).Interface()
		}
		return reflect.ValueOf(out)
	case reflect.Map:
		if v.IsNil() || u.cat != mapT {
			return v
		}
		out := reflect.MakeMapWithSize(reflect.MapOf(v.Type().Key(), anyType), v.Len())
		iter := v.MapRange()
		for iter.Next() {
			out.SetMapIndex(iter.Key(), interp.jsonShadow(u.val, iter.Value(), false))
		}
		return out
	case reflect.Struct:
		if u.cat != structT || len(u.field) != v.NumField() {
			return v
		}
		rt := v.Type()
		fields := make([]reflect.StructField, rt.NumField())
		vals := make([]reflect.Value, rt.NumField())
		for i := range fields {
			sf := rt.Field(i)
			fv := v.Field(i)
			ft := u.field[i].typ
			if jsonNeeds(ft) && !strings.Contains(string(sf.Tag), `json:"-"`) {
				sv := interp.jsonShadow(ft, fv, addressable)
				if jsonOmitEmpty(sf.Tag) && jsonEmpty(fv) {
					sv = reflect.Zero(anyType)
				}
				sf.Type = anyType
				fv = sv
			}
			fields[i] = reflect.StructField{Name: sf.Name, Type: sf.Type, Tag: sf.Tag, Anonymous: sf.Anonymous && sf.Type.Kind() == reflect.Struct}
			vals[i] = fv
		}
		st := reflect.New(reflect.StructOf(fields)).Elem()
		for i, fv := range vals {
			if fv.IsValid() {
				st.Field(i).Set(fv)
			}
		}
		return st
	}
	return v
}

// jsonOmitEmpty reports whether a field's tag has json's omitempty.
func jsonOmitEmpty(tag reflect.StructTag) bool {
	opts := strings.Split(tag.Get("json"), ",")
	for _, o := range opts[min(1, len(opts)):] {
		if o == "omitempty" {
			return true
		}
	}
	return false
}

// jsonEmpty is encoding/json's isEmptyValue.
func jsonEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// isJSONMarshal reports whether fn is json.Marshal or json.MarshalIndent.
func isJSONMarshal(fn reflect.Value) bool {
	if !fn.IsValid() || fn.Kind() != reflect.Func {
		return false
	}
	p := fn.Pointer()
	return p == reflect.ValueOf(json.Marshal).Pointer() || p == reflect.ValueOf(json.MarshalIndent).Pointer()
}

// wrapJSONMarshal returns fn, json.Marshal or json.MarshalIndent, taking
// its first argument as the frame holds it (of static type t) and
// encoding its shadow.
func wrapJSONMarshal(in *Interpreter, fn reflect.Value, t *itype) reflect.Value {
	return reflect.MakeFunc(fn.Type(), func(args []reflect.Value) (out []reflect.Value) {
		defer func() {
			if r := recover(); r != nil {
				e, ok := r.(*jsonMarshalError)
				if !ok {
					panic(r)
				}
				out = []reflect.Value{reflect.Zero(fn.Type().Out(0)), reflect.ValueOf(error(e))}
				out[1] = out[1].Convert(fn.Type().Out(1))
			}
		}()
		v := args[0]
		if v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		sv := in.jsonShadow(t, v, false)
		if !sv.IsValid() {
			sv = reflect.Zero(anyType)
		}
		args = append([]reflect.Value{sv}, args[1:]...)
		for i, a := range args {
			if a.Kind() != reflect.Interface && fn.Type().In(i).Kind() == reflect.Interface {
				c := reflect.New(fn.Type().In(i)).Elem()
				c.Set(a)
				args[i] = c
			}
		}
		return fn.Call(args)
	})
}
