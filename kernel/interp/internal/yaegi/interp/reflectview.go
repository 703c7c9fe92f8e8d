package interp

// An archlab addition: reflect.Type as a program sees its own struct types.
//
// reflect knows an interpreted struct type only by the type reflect.StructOf
// made for it: no name, unexported fields renamed (email is Xemail, tagged
// for encoders to skip), and the first field's tag carrying the type's
// identity (yaegi:"main.User"). Programs that print reflect.TypeOf(u), ask
// its Name() or walk its fields and tags expect what Go shows: main.User,
// User, email, the tag they wrote.
//
// So the methods of reflect.Type that show names (Name, String, PkgPath,
// Field, FieldByName) are answered from the interpreted type where the
// reflect type is one the interpreter made (reflectTypeMethod), and a
// reflect.Type printed by fmt prints as its String method says here.
// Other methods, and the types of compiled packages, are reflect's own.

import (
	"go/token"
	"reflect"
	"strconv"
	"strings"
)

var reflectTypeType = reflect.TypeOf((*reflect.Type)(nil)).Elem()

// reflectTypeShimmed are the methods of reflect.Type answered by
// reflectTypeMethod.
var reflectTypeShimmed = map[string]bool{
	"Name": true, "String": true, "PkgPath": true, "Field": true, "FieldByName": true,
}

// getReflectTypeMethod is the generator of a selector x.M with x of static
// type reflect.Type and M one of reflectTypeShimmed: the method value is
// the program's view of x's type.
func getReflectTypeMethod(n *node) {
	i := n.findex
	l := n.level
	m := n.val.(int)
	name := n.child[1].ident
	value := genValue(n.child[0])
	next := getExec(n.tnext)
	in := n.interp

	n.exec = func(f *frame) bltn {
		v := value(f)
		rt, _ := v.Interface().(reflect.Type)
		if rt == nil {
			// A nil reflect.Type: reflect's own nil dereference.
			getFrame(f, l).data[i] = v.Method(m)
			return next
		}
		getFrame(f, l).data[i] = reflect.ValueOf(in.reflectTypeMethod(rt, name))
		return next
	}
}

// reflectTypeMethod returns the method value name of rt as the program
// sees it, with reflect's signature.
func (interp *Interpreter) reflectTypeMethod(rt reflect.Type, name string) any {
	switch name {
	case "Name":
		return func() string { return interp.reflectTypeName(rt) }
	case "String":
		return func() string { return interp.reflectTypeString(rt) }
	case "PkgPath":
		return func() string {
			if t := interp.namedStruct(rt); t != nil {
				if t.path == "" {
					return "main"
				}
				return t.path
			}
			return rt.PkgPath()
		}
	case "Field":
		return func(i int) reflect.StructField { return interp.reflectField(rt, rt.Field(i)) }
	case "FieldByName":
		return func(name string) (reflect.StructField, bool) {
			if rt.Kind() != reflect.Struct {
				return rt.FieldByName(name)
			}
			if t := interp.structType(rt); t != nil {
				for i, f := range t.field {
					if f.name == name && i < rt.NumField() {
						return interp.reflectField(rt, rt.Field(i)), true
					}
				}
			}
			sf, ok := rt.FieldByName(exportName(name))
			if !ok {
				return reflect.StructField{}, false
			}
			sf.Name = name
			sf.Tag = dropIdentityTag(sf.Tag)
			if !isExportedName(name) {
				sf.PkgPath = "main"
			}
			return sf, true
		}
	}
	return nil
}

// namedStruct returns the named interpreted struct type whose reflect type
// is rt, or nil.
func (interp *Interpreter) namedStruct(rt reflect.Type) *itype {
	if rt == nil || rt.Kind() != reflect.Struct {
		return nil
	}
	if t := interp.structType(rt); t != nil && interpretedNamed(t) {
		return t
	}
	return nil
}

// reflectTypeName is rt.Name() for the program: an interpreted struct
// type's own name.
func (interp *Interpreter) reflectTypeName(rt reflect.Type) string {
	if t := interp.namedStruct(rt); t != nil {
		s := fmtTypeString(t)
		return s[strings.LastIndexByte(s[:strings.IndexByte(s+"[", '[')], '.')+1:]
	}
	return rt.Name()
}

// reflectTypeString is rt.String() for the program: interpreted struct
// types by their Go names, at any depth of pointers, slices, arrays, maps
// and channels.
func (interp *Interpreter) reflectTypeString(rt reflect.Type) string {
	if rt.Name() != "" {
		return rt.String()
	}
	switch rt.Kind() {
	case reflect.Struct:
		if t := interp.structType(rt); t != nil {
			return fmtTypeString(t)
		}
	case reflect.Ptr:
		return "*" + interp.reflectTypeString(rt.Elem())
	case reflect.Slice:
		return "[]" + interp.reflectTypeString(rt.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(rt.Len()) + "]" + interp.reflectTypeString(rt.Elem())
	case reflect.Map:
		return "map[" + interp.reflectTypeString(rt.Key()) + "]" + interp.reflectTypeString(rt.Elem())
	case reflect.Chan:
		switch rt.ChanDir() {
		case reflect.RecvDir:
			return "<-chan " + interp.reflectTypeString(rt.Elem())
		case reflect.SendDir:
			return "chan<- " + interp.reflectTypeString(rt.Elem())
		}
		e := interp.reflectTypeString(rt.Elem())
		if rt.Elem().Kind() == reflect.Chan && rt.Elem().ChanDir() == reflect.RecvDir {
			e = "(" + e + ")"
		}
		return "chan " + e
	}
	return rt.String()
}

// reflectField is the field sf of the struct type rt as the program
// declared it: its own name, tag and export state.
func (interp *Interpreter) reflectField(rt reflect.Type, sf reflect.StructField) reflect.StructField {
	t := interp.structType(rt)
	if t == nil || len(sf.Index) != 1 || sf.Index[0] >= len(t.field) {
		sf.Tag = dropIdentityTag(sf.Tag)
		return sf
	}
	f := t.field[sf.Index[0]]
	if f.name != "_" {
		sf.Name = f.name
		if f.embed {
			sf.Anonymous = true
		}
	}
	sf.Tag = reflect.StructTag(f.tag)
	if !isExportedName(sf.Name) {
		sf.PkgPath = "main"
		if t.path != "" {
			sf.PkgPath = t.path
		}
	}
	return sf
}

// dropIdentityTag returns tag without the key yaegi:"..." that marks a
// named struct type's first field.
func dropIdentityTag(tag reflect.StructTag) reflect.StructTag {
	s := string(tag)
	i := strings.Index(s, `yaegi:"`)
	if i < 0 {
		return tag
	}
	j := i + len(`yaegi:"`)
	for j < len(s) && s[j] != '"' {
		if s[j] == '\\' {
			j++
		}
		j++
	}
	return reflect.StructTag(strings.TrimSpace(s[:i] + s[min(j+1, len(s)):]))
}

// reflectTypeArg is a reflect.Type on its way to a print function: it
// prints as the program sees the type.
type reflectTypeArg struct{ s string }

func (a reflectTypeArg) String() string { return a.s }

// printedReflectType returns what a print function is given for e, a
// reflect.Type of an interpreted type, and whether e is one.
func (interp *Interpreter) printedReflectType(e reflect.Value) (reflect.Value, bool) {
	for e.IsValid() && e.Kind() == reflect.Interface && !e.IsNil() {
		e = e.Elem()
	}
	if !e.IsValid() || !e.Type().Implements(reflectTypeType) || (e.Kind() == reflect.Ptr && e.IsNil()) {
		return e, false
	}
	rt, ok := e.Interface().(reflect.Type)
	if !ok || rt == nil {
		return e, false
	}
	s := interp.reflectTypeString(rt)
	if s == rt.String() {
		return e, false
	}
	return reflect.ValueOf(reflectTypeArg{s}), true
}

var (
	reflectTypeOf  = reflect.ValueOf(reflect.TypeOf).Pointer()
	reflectValueOf = reflect.ValueOf(reflect.ValueOf).Pointer()
)

// reflectOfValue returns, for fn reflect.TypeOf or reflect.ValueOf, the
// function that gives reflect the program's value itself where the
// interpreter holds it in a box or in a wrapper for a compiled interface
// (var err error = &MyErr{}: reflect.TypeOf(err) is *main.MyErr, not
// interp._error).
func reflectOfValue(fn reflect.Value) (reflect.Value, bool) {
	if !fn.IsValid() || fn.Kind() != reflect.Func {
		return fn, false
	}
	switch fn.Pointer() {
	case reflectTypeOf:
		return reflect.ValueOf(func(i any) reflect.Type { return reflect.TypeOf(reflectOperand(i)) }), true
	case reflectValueOf:
		return reflect.ValueOf(func(i any) reflect.Value { return reflect.ValueOf(reflectOperand(i)) }), true
	}
	return fn, false
}

// reflectOperand returns the value i holds, out of the interpreter's box
// and method wrappers.
func reflectOperand(i any) any {
	v := reflect.ValueOf(i)
	for v.IsValid() {
		switch {
		case v.Kind() == reflect.Interface:
			if v.IsNil() {
				return nil
			}
			v = v.Elem()
			continue
		case v.Type() == valueInterfaceType:
			vi := v.Interface().(valueInterface)
			if !vi.value.IsValid() {
				return nil
			}
			v = vi.value
			continue
		case isMethodWrapper(v.Type()):
			v = v.Field(0)
			continue
		}
		break
	}
	if !v.IsValid() || !v.CanInterface() {
		return i
	}
	return v.Interface()
}

var reflectValueType = reflect.TypeOf(reflect.Value{})

// reflectFieldByNameMethod returns the replacement of a reflect.Value's
// FieldByName, given the value, or nil where recv and method are not
// those (archlab patch): a program struct's unexported field firstName is
// the reflect field XfirstName, which FieldByName("firstName") did not
// find.
func reflectFieldByNameMethod(recv *itype, method string) func(reflect.Value) reflect.Value {
	if recv == nil || recv.cat != valueT || recv.rtype != reflectValueType || method != "FieldByName" {
		return nil
	}
	return func(rv reflect.Value) reflect.Value {
		v, ok := rv.Interface().(reflect.Value)
		if !ok || v.Kind() != reflect.Struct {
			return reflect.Value{}
		}
		return reflect.ValueOf(func(name string) reflect.Value {
			f := v.FieldByName(name)
			if !f.IsValid() && name != "" && !token.IsExported(name) {
				// A copy, as Go's value of an unexported field cannot
				// be set (CanSet is false).
				if f = v.FieldByName("X" + name); f.IsValid() && f.CanInterface() {
					f = reflect.ValueOf(f.Interface())
				}
			}
			return f
		})
	}
}
