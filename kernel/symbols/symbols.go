package symbols

import "reflect"

// Symbols holds the generated tables, keyed "importpath/name" as yaegi's
// Use expects.
var Symbols = map[string]map[string]reflect.Value{}
