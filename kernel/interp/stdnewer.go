package interp

import (
	"bytes"
	crand "crypto/rand"
	"log/slog"
	"os"
	"reflect"
	"strings"
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
			"CopyFS":     reflect.ValueOf(os.CopyFS),
			"OpenRoot":   reflect.ValueOf(os.OpenRoot),
			"OpenInRoot": reflect.ValueOf(os.OpenInRoot),
			"Root":       reflect.ValueOf((*os.Root)(nil)),
		},
		"crypto/rand/rand": {
			"Text": reflect.ValueOf(crand.Text),
		},
		"log/slog/slog": {
			"DiscardHandler": reflect.ValueOf(&slog.DiscardHandler).Elem(),
		},
	}
}

// missingStdlib are the standard packages added after Go 1.22 that cells
// cannot import (generic, or not in yaegi's tables), by name: an
// undefined name that is one of them says so.
var missingStdlib = map[string]string{
	"unique":   "unique (Go 1.23)",
	"structs":  "structs (Go 1.23)",
	"weak":     "weak (Go 1.24)",
	"sha3":     "crypto/sha3 (Go 1.24)",
	"hkdf":     "crypto/hkdf (Go 1.24)",
	"pbkdf2":   "crypto/pbkdf2 (Go 1.24)",
	"mlkem":    "crypto/mlkem (Go 1.24)",
	"synctest": "testing/synctest (Go 1.25)",
}
