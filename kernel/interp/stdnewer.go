package interp

import (
	"bytes"
	crand "crypto/rand"
	"crypto/sha3"
	"encoding"
	"encoding/binary"
	"hash"
	"io/fs"
	"log/slog"
	randv2 "math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf16"
	"unsafe"
)

// newerStdlib returns standard library symbols added after Go 1.22, the
// API of yaegi's tables, that cells use most: the iterator functions of
// strings and bytes (Go 1.24) and a few others. Generic additions (iter,
// slices.All, maps.Keys, ...) are source packages instead (prelude.go).
func newerStdlib() map[string]map[string]reflect.Value {
	return map[string]map[string]reflect.Value{
		"strings/strings": {
			"Lines":         reflect.ValueOf(strings.Lines),
			"SplitSeq":      reflect.ValueOf(strings.SplitSeq),
			"SplitAfterSeq": reflect.ValueOf(strings.SplitAfterSeq),
			"FieldsSeq":     reflect.ValueOf(strings.FieldsSeq),
			"FieldsFuncSeq": reflect.ValueOf(strings.FieldsFuncSeq),
		},
		"bytes/bytes": {
			"Lines":         reflect.ValueOf(bytes.Lines),
			"SplitSeq":      reflect.ValueOf(bytes.SplitSeq),
			"SplitAfterSeq": reflect.ValueOf(bytes.SplitAfterSeq),
			"FieldsSeq":     reflect.ValueOf(bytes.FieldsSeq),
			"FieldsFuncSeq": reflect.ValueOf(bytes.FieldsFuncSeq),
		},
		"os/os": {
			"ErrNoHandle": reflect.ValueOf(&os.ErrNoHandle).Elem(),
			"CopyFS":      reflect.ValueOf(os.CopyFS),
			"OpenRoot":    reflect.ValueOf(os.OpenRoot),
			"OpenInRoot":  reflect.ValueOf(os.OpenInRoot),
			"Root":        reflect.ValueOf((*os.Root)(nil)),
		},
		"crypto/rand/rand": {
			"Text": reflect.ValueOf(crand.Text),
		},
		"log/slog/slog": {
			"DiscardHandler":  reflect.ValueOf(&slog.DiscardHandler).Elem(),
			"GroupAttrs":      reflect.ValueOf(slog.GroupAttrs),
			"NewMultiHandler": reflect.ValueOf(slog.NewMultiHandler),
			"MultiHandler":    reflect.ValueOf((*slog.MultiHandler)(nil)),
		},
		"io/fs/fs": {
			"Lstat":    reflect.ValueOf(fs.Lstat),
			"ReadLink": reflect.ValueOf(fs.ReadLink),
		},
		"path/filepath/filepath": {
			"Localize": reflect.ValueOf(filepath.Localize),
		},
		"math/rand/v2/rand": {
			"Uint": reflect.ValueOf(randv2.Uint),
		},
		"unicode/unicode": {
			"CategoryAliases": reflect.ValueOf(&unicode.CategoryAliases).Elem(),
			"Cn":              reflect.ValueOf(&unicode.Cn).Elem(),
			"LC":              reflect.ValueOf(&unicode.LC).Elem(),
		},
		"crypto/sha3/sha3": {
			"New224":       reflect.ValueOf(sha3.New224),
			"New256":       reflect.ValueOf(sha3.New256),
			"New384":       reflect.ValueOf(sha3.New384),
			"New512":       reflect.ValueOf(sha3.New512),
			"NewSHAKE128":  reflect.ValueOf(sha3.NewSHAKE128),
			"NewSHAKE256":  reflect.ValueOf(sha3.NewSHAKE256),
			"NewCSHAKE128": reflect.ValueOf(sha3.NewCSHAKE128),
			"NewCSHAKE256": reflect.ValueOf(sha3.NewCSHAKE256),
			"Sum224":       reflect.ValueOf(sha3.Sum224),
			"Sum256":       reflect.ValueOf(sha3.Sum256),
			"Sum384":       reflect.ValueOf(sha3.Sum384),
			"Sum512":       reflect.ValueOf(sha3.Sum512),
			"SumSHAKE128":  reflect.ValueOf(sha3.SumSHAKE128),
			"SumSHAKE256":  reflect.ValueOf(sha3.SumSHAKE256),
			"SHA3":         reflect.ValueOf((*sha3.SHA3)(nil)),
			"SHAKE":        reflect.ValueOf((*sha3.SHAKE)(nil)),
		},
		"encoding/binary/binary": {
			"Append": reflect.ValueOf(binary.Append),
			"Encode": reflect.ValueOf(binary.Encode),
			"Decode": reflect.ValueOf(binary.Decode),
		},
		"encoding/encoding": {
			"BinaryAppender": reflect.ValueOf((*encoding.BinaryAppender)(nil)),
			"TextAppender":   reflect.ValueOf((*encoding.TextAppender)(nil)),
		},
		"hash/hash": {
			"Cloner": reflect.ValueOf((*hash.Cloner)(nil)),
			"XOF":    reflect.ValueOf((*hash.XOF)(nil)),
		},
		"sync/atomic/atomic": {
			"AndInt32":   reflect.ValueOf(atomic.AndInt32),
			"AndInt64":   reflect.ValueOf(atomic.AndInt64),
			"AndUint32":  reflect.ValueOf(atomic.AndUint32),
			"AndUint64":  reflect.ValueOf(atomic.AndUint64),
			"AndUintptr": reflect.ValueOf(atomic.AndUintptr),
			"OrInt32":    reflect.ValueOf(atomic.OrInt32),
			"OrInt64":    reflect.ValueOf(atomic.OrInt64),
			"OrUint32":   reflect.ValueOf(atomic.OrUint32),
			"OrUint64":   reflect.ValueOf(atomic.OrUint64),
			"OrUintptr":  reflect.ValueOf(atomic.OrUintptr),
		},
		"unicode/utf16/utf16": {
			"RuneLen": reflect.ValueOf(utf16.RuneLen),
		},
		// unsafe's functions that are not generic (Go 1.17, 1.20);
		// Slice and SliceData are.
		"unsafe/unsafe": {
			"Add":        reflect.ValueOf(func(p unsafe.Pointer, n int) unsafe.Pointer { return unsafe.Add(p, n) }),
			"String":     reflect.ValueOf(func(p *byte, n int) string { return unsafe.String(p, n) }),
			"StringData": reflect.ValueOf(func(s string) *byte { return unsafe.StringData(s) }),
		},
	}
}

// missingStdlib are the standard packages added after Go 1.22 that cells
// cannot import (generic, or not in yaegi's tables), by name: an
// undefined name that is one of them says so.
var missingStdlib = map[string]string{
	"structs":  "structs (Go 1.23)",
	"weak":     "weak (Go 1.24)",
	"hkdf":     "crypto/hkdf (Go 1.24)",
	"pbkdf2":   "crypto/pbkdf2 (Go 1.24)",
	"mlkem":    "crypto/mlkem (Go 1.24)",
	"synctest": "testing/synctest (Go 1.25)",
}
