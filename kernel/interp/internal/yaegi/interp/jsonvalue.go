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
	"errors"
	"fmt"
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
	return jsonStructureNeeds(t, seen)
}

// definedFromNamed reports whether t is a type defined from another named
// type of the program (type raw Config), which has none of its methods.
func definedFromNamed(t *itype) bool {
	v := t.val
	return t.cat == linkedT && v != nil && v.name != "" && !isInterface(v) && v.cat != valueT
}

// jsonStructureNeeds is jsonNeeds2 of t's structure, leaving out the
// methods declared on t itself. A type defined from a named type (type
// raw Config) has Config's structure, not its methods (archlab patch:
// raw(c) in Config's MarshalJSON recursed).
func jsonStructureNeeds(t *itype, seen map[*itype]bool) bool {
	switch t.cat {
	case structT:
		for _, f := range t.field {
			if jsonIsZeroer(f) || jsonNeeds2(f.typ, seen) {
				return true
			}
		}
		return false
	case linkedT:
		if definedFromNamed(t) {
			return jsonStructureNeeds(t.val, seen)
		}
		return jsonNeeds2(t.val, seen)
	case ptrT, sliceT, arrayT, variadicT:
		return jsonNeeds2(t.val, seen)
	case mapT:
		return jsonKeyText(t.key) || jsonNeeds2(t.val, seen)
	}
	return false
}

// jsonKeyText reports whether map keys of type t have an interpreted
// MarshalText method for json to call.
func jsonKeyText(t *itype) bool {
	if t == nil || t.cat == valueT {
		return false
	}
	if rt := t.TypeOf(); rt != nil && rt.Kind() == reflect.String {
		return false // json writes a key of a string kind as it is
	}
	m, _ := t.lookupMethod("MarshalText")
	return m != nil
}

// jsonKeyUnmarshalText reports whether map keys of type t are decoded by
// an interpreted UnmarshalText method (on t or *t).
func jsonKeyUnmarshalText(t *itype) bool {
	if t == nil || t.cat == valueT {
		return false
	}
	m, _ := t.lookupMethod("UnmarshalText")
	return m != nil
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
			out := interp.callMethod(t, v, name)
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
		// Keys of a type with an interpreted MarshalText are its text, as
		// encoding/json writes them (archlab patch: map[Level]int).
		keyText := jsonKeyText(u.key)
		kt := v.Type().Key()
		if keyText {
			kt = reflect.TypeOf("")
		}
		out := reflect.MakeMapWithSize(reflect.MapOf(kt, anyType), v.Len())
		iter := v.MapRange()
		for iter.Next() {
			k := iter.Key()
			if keyText {
				if k = interp.jsonShadow(u.key, k, false); k.Kind() != reflect.String {
					return v
				}
			}
			out.SetMapIndex(k, interp.jsonShadow(u.val, iter.Value(), false))
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
			if jsonIsZeroer(u.field[i]) {
				// omitzero with the field type's interpreted IsZero,
				// which json cannot see (archlab patch: it took the
				// structure's zero value).
				if interp.callIsZero(ft, v.Field(i)) {
					sf.Type, fv = anyType, reflect.Zero(anyType)
				} else {
					sf.Tag = jsonDropOption(sf.Tag, "omitzero")
				}
			}
			// An embedded struct, or pointer to one, stays embedded, so
			// that json writes its fields in line (archlab patch: *Meta
			// was written as "Meta":{...}); one of type any (its shadow)
			// is a field as json writes it.
			embedded := sf.Anonymous && (sf.Type.Kind() == reflect.Struct ||
				sf.Type.Kind() == reflect.Ptr && sf.Type.Elem().Kind() == reflect.Struct && sf.Type.NumMethod() == 0)
			fields[i] = reflect.StructField{Name: sf.Name, Type: sf.Type, Tag: sf.Tag, Anonymous: embedded}
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

// jsonIsZeroer reports whether f is tagged omitzero and its type has an
// interpreted IsZero method.
func jsonIsZeroer(f structField) bool {
	if f.typ == nil || !jsonHasOption(reflect.StructTag(f.tag), "omitzero") {
		return false
	}
	m, _ := f.typ.lookupMethod("IsZero")
	return m != nil
}

// callIsZero calls the interpreted IsZero method of v, of type t. A nil
// pointer is zero, as encoding/json takes it.
func (interp *Interpreter) callIsZero(t *itype, v reflect.Value) bool {
	if t.cat == ptrT && v.IsNil() {
		return true
	}
	out := interp.callMethod(t, v, "IsZero")
	return len(out) == 1 && out[0].Kind() == reflect.Bool && out[0].Bool()
}

// jsonHasOption reports whether a field's json tag has the option opt.
func jsonHasOption(tag reflect.StructTag, opt string) bool {
	opts := strings.Split(tag.Get("json"), ",")
	for _, o := range opts[min(1, len(opts)):] {
		if o == opt {
			return true
		}
	}
	return false
}

// jsonDropOption returns tag without the json option opt.
func jsonDropOption(tag reflect.StructTag, opt string) reflect.StructTag {
	old, ok := tag.Lookup("json")
	if !ok {
		return tag
	}
	parts := strings.Split(old, ",")
	kept := parts[:1]
	for _, o := range parts[1:] {
		if o != opt {
			kept = append(kept, o)
		}
	}
	return reflect.StructTag(strings.Replace(string(tag), `json:"`+old+`"`, `json:"`+strings.Join(kept, ",")+`"`, 1))
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

// jsonUnmarshalMethod returns "UnmarshalJSON" or "UnmarshalText" when
// *t's method set has one, else "".
func jsonUnmarshalMethod(t *itype) string {
	for _, name := range []string{"UnmarshalJSON", "UnmarshalText"} {
		if m, _ := t.lookupMethod(name); m != nil {
			return name
		}
	}
	return ""
}

// jsonNeedsUnmarshal reports whether a value of type t holds, below its
// top level, a value of an interpreted type with an UnmarshalJSON or
// UnmarshalText method.
func jsonNeedsUnmarshal(t *itype, top bool, seen map[*itype]bool) bool {
	if t == nil || seen[t] || t.cat == valueT || t.cat == nilT || isInterfaceSrc(t) {
		return false
	}
	seen[t] = true
	if !top && jsonUnmarshalMethod(t) != "" {
		return true
	}
	switch t.cat {
	case linkedT:
		if definedFromNamed(t) && t.val.cat == structT {
			for _, f := range t.val.field { // the structure, not the methods (archlab patch)
				if jsonNeedsUnmarshal(f.typ, false, seen) {
					return true
				}
			}
			return false
		}
		return jsonNeedsUnmarshal(t.val, top, seen)
	case ptrT, sliceT, arrayT, variadicT:
		return jsonNeedsUnmarshal(t.val, false, seen)
	case mapT:
		return jsonKeyUnmarshalText(t.key) || jsonNeedsUnmarshal(t.val, false, seen)
	case structT:
		for _, f := range t.field {
			if jsonNeedsUnmarshal(f.typ, false, seen) {
				return true
			}
		}
	}
	return false
}

var rawMessageType = reflect.TypeOf(json.RawMessage(nil))

// jsonUnmarshalInto decodes data into dst, an addressable value of type t,
// calling the interpreted UnmarshalJSON and UnmarshalText methods of the
// values in it, which json cannot see: the parts that have one are
// decoded as json.RawMessage first, then given to the method.
func (interp *Interpreter) jsonUnmarshalInto(data []byte, t *itype, dst reflect.Value) error {
	null := string(data) == "null"
	if name := jsonUnmarshalMethod(t); name != "" && !null {
		m, index := t.lookupMethod(name)
		recv := dst.Addr()
		if t.cat == ptrT {
			if dst.IsNil() {
				dst.Set(reflect.New(dst.Type().Elem()))
			}
			recv = dst
		}
		arg := data
		if name == "UnmarshalText" {
			var s string
			if err := json.Unmarshal(data, &s); err != nil {
				return err
			}
			arg = []byte(s)
		}
		nod := *m
		nod.recv = &receiver{val: recv, index: index}
		out := genFunctionWrapper(&nod)(interp.frame).Call([]reflect.Value{reflect.ValueOf(arg)})
		err, _ := out[0].Interface().(error)
		return err
	}
	u := t
	for u.cat == linkedT && u.val != nil {
		u = u.val
	}
	if !jsonNeedsUnmarshal(u, true, map[*itype]bool{}) {
		return json.Unmarshal(data, dst.Addr().Interface())
	}
	switch {
	case u.cat == ptrT && dst.Kind() == reflect.Ptr:
		if null {
			dst.Set(reflect.Zero(dst.Type()))
			return nil
		}
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		return interp.jsonUnmarshalInto(data, u.val, dst.Elem())
	case (u.cat == sliceT || u.cat == variadicT) && dst.Kind() == reflect.Slice:
		var raws []json.RawMessage
		if err := json.Unmarshal(data, &raws); err != nil {
			return err
		}
		if raws == nil {
			dst.Set(reflect.Zero(dst.Type()))
			return nil
		}
		s := reflect.MakeSlice(dst.Type(), len(raws), len(raws))
		for i, r := range raws {
			if err := interp.jsonUnmarshalInto(r, u.val, s.Index(i)); err != nil {
				return err
			}
		}
		dst.Set(s)
		return nil
	case u.cat == arrayT && dst.Kind() == reflect.Array:
		var raws []json.RawMessage
		if err := json.Unmarshal(data, &raws); err != nil {
			return err
		}
		for i := 0; i < dst.Len(); i++ {
			if i < len(raws) {
				if err := interp.jsonUnmarshalInto(raws[i], u.val, dst.Index(i)); err != nil {
					return err
				}
			} else {
				dst.Index(i).Set(reflect.Zero(dst.Type().Elem()))
			}
		}
		return nil
	case u.cat == mapT && dst.Kind() == reflect.Map:
		keyText := jsonKeyUnmarshalText(u.key)
		kt := dst.Type().Key()
		if keyText {
			// Keys of a type with an interpreted UnmarshalText are decoded
			// by it from their text (archlab patch: map[Coord]string).
			kt = reflect.TypeOf("")
		}
		raws := reflect.New(reflect.MapOf(kt, rawMessageType))
		if err := json.Unmarshal(data, raws.Interface()); err != nil {
			return err
		}
		if raws.Elem().IsNil() {
			dst.Set(reflect.Zero(dst.Type()))
			return nil
		}
		if dst.IsNil() {
			dst.Set(reflect.MakeMap(dst.Type()))
		}
		iter := raws.Elem().MapRange()
		for iter.Next() {
			e := reflect.New(dst.Type().Elem()).Elem()
			if err := interp.jsonUnmarshalInto(iter.Value().Bytes(), u.val, e); err != nil {
				return err
			}
			k := iter.Key()
			if keyText {
				quoted, _ := json.Marshal(k.String())
				k = reflect.New(dst.Type().Key()).Elem()
				if err := interp.jsonUnmarshalInto(quoted, u.key, k); err != nil {
					return err
				}
			}
			dst.SetMapIndex(k, e)
		}
		return nil
	case u.cat == structT && dst.Kind() == reflect.Struct && len(u.field) == dst.NumField():
		if null {
			return nil
		}
		rt := dst.Type()
		fields := make([]reflect.StructField, rt.NumField())
		raw := make([]bool, rt.NumField())
		for i := range fields {
			sf := rt.Field(i)
			fields[i] = reflect.StructField{Name: sf.Name, Type: sf.Type, Tag: sf.Tag, Anonymous: sf.Anonymous}
			if jsonNeedsUnmarshal(u.field[i].typ, false, map[*itype]bool{}) || jsonUnmarshalMethod(u.field[i].typ) != "" {
				fields[i].Type, fields[i].Anonymous, raw[i] = rawMessageType, false, true
			}
		}
		shadow := reflect.New(reflect.StructOf(fields)).Elem()
		for i := range fields {
			if !raw[i] {
				shadow.Field(i).Set(dst.Field(i))
			}
		}
		// A type error does not stop json: the other fields are still
		// decoded and the first such error returned at the end (archlab
		// patch: the struct was left as it was).
		var typeErr *json.UnmarshalTypeError
		if err := json.Unmarshal(data, shadow.Addr().Interface()); err != nil && !errors.As(err, &typeErr) {
			return err
		}
		var first error
		if typeErr != nil {
			first = typeErr
		}
		for i := range fields {
			if !raw[i] {
				dst.Field(i).Set(shadow.Field(i))
				continue
			}
			if r := shadow.Field(i).Bytes(); len(r) > 0 {
				if err := interp.jsonUnmarshalInto(r, u.field[i].typ, dst.Field(i)); err != nil {
					if !errors.As(err, new(*json.UnmarshalTypeError)) {
						return err
					}
					if first == nil {
						first = err
					}
				}
			}
		}
		return first
	}
	return json.Unmarshal(data, dst.Addr().Interface())
}

// wrapJSONUnmarshal returns json.Unmarshal for a target (the frame's
// value, a pointer) of static type t whose values below the top level
// have interpreted UnmarshalJSON or UnmarshalText methods.
func wrapJSONUnmarshal(in *Interpreter, fn reflect.Value, t *itype) reflect.Value {
	return reflect.MakeFunc(fn.Type(), func(args []reflect.Value) []reflect.Value {
		errOut := func(err error) []reflect.Value {
			e := reflect.New(fn.Type().Out(0)).Elem()
			if err != nil {
				e.Set(reflect.ValueOf(err))
			}
			return []reflect.Value{e}
		}
		v := args[1]
		for v.Kind() == reflect.Interface && !v.IsNil() {
			v = v.Elem()
		}
		if v.Kind() != reflect.Ptr || v.IsNil() {
			return fn.Call(args)
		}
		data := args[0].Bytes()
		if !json.Valid(data) {
			return fn.Call(args) // json's own syntax error
		}
		return errOut(in.jsonUnmarshalInto(data, t.val, v.Elem()))
	})
}

var (
	jsonEncoderType = reflect.TypeOf((*json.Encoder)(nil))
	jsonDecoderType = reflect.TypeOf((*json.Decoder)(nil))
)

// jsonStreamCall returns the function that a call of method (a
// *json.Encoder's Encode or a *json.Decoder's Decode) should call for an
// argument of static type t, or nil where the method itself does: Encode
// encodes the shadow of a value with interpreted MarshalJSON or
// MarshalText methods below its top level, Decode reads the next value as
// json.RawMessage and decodes it as json.Unmarshal does.
func jsonStreamCall(in *Interpreter, recv *itype, method string, t *itype) func(fn reflect.Value) reflect.Value {
	if recv == nil || recv.cat != valueT || t == nil {
		return nil
	}
	switch {
	case recv.rtype == jsonEncoderType && method == "Encode" && jsonNeeds(t):
		return func(fn reflect.Value) reflect.Value {
			return reflect.ValueOf(func(v any) (err error) {
				defer func() {
					if r := recover(); r != nil {
						e, ok := r.(*jsonMarshalError)
						if !ok {
							panic(r)
						}
						err = e
					}
				}()
				sv := in.jsonShadow(t, reflect.ValueOf(v), false)
				arg := reflect.New(anyType).Elem()
				if sv.IsValid() {
					arg.Set(sv)
				}
				out := fn.Call([]reflect.Value{arg})
				err, _ = out[0].Interface().(error)
				return err
			})
		}
	case recv.rtype == jsonDecoderType && method == "Decode" && t.cat == ptrT &&
		jsonUnmarshalMethod(t.val) == "" && jsonNeedsUnmarshal(t.val, true, map[*itype]bool{}):
		return func(fn reflect.Value) reflect.Value {
			return reflect.ValueOf(func(v any) error {
				p := reflect.ValueOf(v)
				if p.Kind() != reflect.Ptr || p.IsNil() {
					out := fn.Call([]reflect.Value{reflect.ValueOf(&v).Elem()})
					err, _ := out[0].Interface().(error)
					return err
				}
				var raw json.RawMessage
				out := fn.Call([]reflect.Value{reflect.ValueOf(&raw)})
				if err, _ := out[0].Interface().(error); err != nil {
					return err
				}
				return in.jsonUnmarshalInto(raw, t.val, p.Elem())
			})
		}
	}
	return nil
}

// jsonTypeErr returns err, json's error decoding into a value of the
// program type root, with json's type error naming the program's types
// as Go's does: the struct that holds the field (Go struct field
// User.id; reflect knows it unnamed, ".id"), and a target of a program
// struct type by its name (of type main.Limits, not struct { ... }). For
// the latter the error is a *jsonTypeError, which unwraps to json's (an
// archlab addition).
func (interp *Interpreter) jsonTypeErr(err error, root *itype) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err
	}
	if te.Struct == "" && te.Field != "" {
		te.Struct = jsonFieldStruct(root, te.Field)
	}
	if te.Type == nil {
		return err
	}
	if name, ok := interp.programTypeName(te.Type); ok {
		return &jsonTypeError{te, name}
	}
	return err
}

// jsonTypeError is json's type error with the target type as the program
// names it.
type jsonTypeError struct {
	*json.UnmarshalTypeError
	typeName string
}

func (e *jsonTypeError) Error() string {
	if e.Struct != "" || e.Field != "" {
		return "json: cannot unmarshal " + e.Value + " into Go struct field " + e.Struct + "." + e.Field + " of type " + e.typeName
	}
	return "json: cannot unmarshal " + e.Value + " into Go value of type " + e.typeName
}

func (e *jsonTypeError) Unwrap() error { return e.UnmarshalTypeError }

// programTypeName returns Go's name of rt where it is, or holds, a
// struct type of the program (main.T, *main.T, []main.T), and whether it
// does.
func (interp *Interpreter) programTypeName(rt reflect.Type) (string, bool) {
	switch rt.Kind() {
	case reflect.Struct:
		if rt.Name() == "" {
			if t := interp.structType(rt); t != nil && t.name != "" {
				return fmtTypeString(t), true
			}
		}
	case reflect.Pointer:
		if s, ok := interp.programTypeName(rt.Elem()); ok {
			return "*" + s, true
		}
	case reflect.Slice:
		if s, ok := interp.programTypeName(rt.Elem()); ok {
			return "[]" + s, true
		}
	case reflect.Array:
		if s, ok := interp.programTypeName(rt.Elem()); ok {
			return fmt.Sprintf("[%d]%s", rt.Len(), s), true
		}
	case reflect.Map:
		if s, ok := interp.programTypeName(rt.Elem()); ok {
			return "map[" + rt.Key().String() + "]" + s, true
		}
	}
	return "", false
}
