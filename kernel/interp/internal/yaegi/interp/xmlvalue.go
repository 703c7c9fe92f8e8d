package interp

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strings"
)

// encoding/xml names an element after its value's type where the struct
// has no XMLName field. reflect makes a program's struct types without a
// name (StructOf), so xml.Marshal(Person{...}) failed with "xml:
// unsupported type: struct {...}" where Go writes <Person>...</Person>.
// xml.Marshal, xml.MarshalIndent and an xml.Encoder's Encode of such a
// value (or a pointer to one, or a slice of them) encode it as an
// element named after its program type instead. An archlab addition.

var (
	xmlMarshalPtr       = reflect.ValueOf(xml.Marshal).Pointer()
	xmlMarshalIndentPtr = reflect.ValueOf(xml.MarshalIndent).Pointer()
	xmlEncoderType      = reflect.TypeOf((*xml.Encoder)(nil))
)

// xmlStart returns the start element of v when it is a value of a program
// struct type with no XMLName field (or a pointer to one, or a slice or
// array of them), named as Go names it: after the type.
func (interp *Interpreter) xmlStart(v reflect.Value) (xml.StartElement, bool) {
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		return xml.StartElement{}, false
	}
	rt := v.Type()
	for {
		switch rt.Kind() {
		case reflect.Ptr, reflect.Slice, reflect.Array:
			if rt.Kind() != reflect.Ptr && rt.Elem().Kind() == reflect.Uint8 {
				return xml.StartElement{}, false // []byte is text
			}
			rt = rt.Elem()
			continue
		}
		break
	}
	if rt.Kind() != reflect.Struct || rt.Name() != "" {
		return xml.StartElement{}, false
	}
	if _, has := rt.FieldByName("XMLName"); has {
		return xml.StartElement{}, false
	}
	t := interp.structType(rt)
	if t == nil || t.name == "" {
		return xml.StartElement{}, false
	}
	return xml.StartElement{Name: xml.Name{Local: xmlTypeName(t.name)}}, true
}

// xmlTypeName is the element name encoding/xml gives a type named name:
// an instance of a generic type drops its type arguments (A[string] is A).
func xmlTypeName(name string) string {
	if i := strings.IndexByte(name, '['); i >= 0 {
		return name[:i]
	}
	return name
}

// xmlEncode encodes v with enc, as an element named after its program
// type where xmlStart gives one.
func (interp *Interpreter) xmlEncode(enc *xml.Encoder, v any, static *itype) error {
	if isNamedNonStruct(static) && static.cat != sliceT && static.cat != arrayT && static.cat != ptrT {
		// A value of a named basic type of the program (type Tag string)
		// is an element named after it, which its value cannot tell.
		return enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: xmlTypeName(static.name)}})
	}
	if start, ok := interp.xmlStart(reflect.ValueOf(v)); ok {
		return enc.EncodeElement(v, start)
	}
	return enc.Encode(v)
}

// xmlMarshalFunc returns the replacement of fn when it is xml.Marshal or
// xml.MarshalIndent, else an invalid value. static is the static type of
// the value to encode.
func (interp *Interpreter) xmlMarshalFunc(fn reflect.Value, static *itype) reflect.Value {
	if !fn.IsValid() || fn.Kind() != reflect.Func || fn.IsNil() {
		return reflect.Value{}
	}
	marshal := func(v any, prefix, indent string, indented bool) ([]byte, error) {
		var b bytes.Buffer
		enc := xml.NewEncoder(&b)
		if indented {
			enc.Indent(prefix, indent)
		}
		if err := interp.xmlEncode(enc, v, static); err != nil {
			return nil, err
		}
		if err := enc.Close(); err != nil {
			return nil, err
		}
		return b.Bytes(), nil
	}
	switch fn.Pointer() {
	case xmlMarshalPtr:
		return reflect.ValueOf(func(v any) ([]byte, error) { return marshal(v, "", "", false) })
	case xmlMarshalIndentPtr:
		return reflect.ValueOf(func(v any, prefix, indent string) ([]byte, error) { return marshal(v, prefix, indent, true) })
	}
	return reflect.Value{}
}

// xmlEncodeMethod returns the replacement of an xml.Encoder's Encode
// method, given the encoder, or nil where recv and method are not those.
func (interp *Interpreter) xmlEncodeMethod(recv *itype, method string, static *itype) func(enc reflect.Value) reflect.Value {
	if recv == nil || recv.cat != valueT || recv.rtype != xmlEncoderType || method != "Encode" {
		return nil
	}
	return func(enc reflect.Value) reflect.Value {
		e, ok := enc.Interface().(*xml.Encoder)
		if !ok || e == nil {
			return reflect.Value{}
		}
		return reflect.ValueOf(func(v any) error { return interp.xmlEncode(e, v, static) })
	}
}
