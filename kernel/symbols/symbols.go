package symbols

import "reflect"

//go:generate go run ./internal/extract

// Symbols holds the generated tables, keyed "importpath/name" as yaegi's
// Use expects. The z_*.go files fill it in their init functions.
var Symbols = map[string]map[string]reflect.Value{}
