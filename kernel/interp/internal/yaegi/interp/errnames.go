package interp

import (
	"reflect"
	"strings"
)

// A program's struct types are unnamed to reflect (StructOf), and carry
// their name in a tag of their first field (typeIdentityTag). Compiled
// code that names a type in an error (json's "Unmarshal(non-pointer T)",
// "unsupported type: map[T]int", xml's, text/template's) wrote the whole
// structure: struct { A int "yaegi:\"main.K\"" }. Such an error, returned
// to the program, reads with the type's name instead: a namedError that
// unwraps to the original. An archlab addition.

// identityMark is how a type's name tag reads inside reflect's string of
// the struct type.
const identityMark = `yaegi:\"`

// namedError is a compiled error whose message names program types.
type namedError struct {
	err error
	msg string
}

func (e *namedError) Error() string { return e.msg }
func (e *namedError) Unwrap() error { return e.err }

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// nameTypesInError returns v, an error a compiled call returned, as a
// namedError where its message spells a program struct type.
func nameTypesInError(v reflect.Value) reflect.Value {
	if !v.IsValid() || v.Kind() != reflect.Interface || v.IsNil() {
		return v
	}
	err, ok := v.Interface().(error)
	if !ok {
		return v
	}
	msg := err.Error()
	if !strings.Contains(msg, identityMark) {
		return v
	}
	r := reflect.New(errorType).Elem()
	r.Set(reflect.ValueOf(&namedError{err, nameStructTypes(msg)}))
	return r
}

// nameStructTypes replaces each struct type in s that carries a name tag
// by that name.
func nameStructTypes(s string) string {
	for range 100 {
		i := strings.Index(s, identityMark)
		if i < 0 {
			return s
		}
		rest := s[i+len(identityMark):]
		j := strings.Index(rest, `\"`)
		if j < 0 {
			return s
		}
		name := rest[:j]
		// The struct { that encloses the tag, and its closing brace.
		start, depth := -1, 0
		for k := i; k >= 0; k-- {
			switch s[k] {
			case '}':
				depth++
			case '{':
				if depth == 0 {
					start = k
				}
				depth--
			}
			if start >= 0 {
				break
			}
		}
		if start < 0 || !strings.HasSuffix(s[:start], "struct ") {
			return s
		}
		end := -1
		depth = 0
		for k := start; k < len(s); k++ {
			switch s[k] {
			case '{':
				depth++
			case '}':
				depth--
			}
			if depth == 0 {
				end = k
				break
			}
		}
		if end < 0 {
			return s
		}
		s = s[:start-len("struct ")] + name + s[end+1:]
	}
	return s
}
