// Package symbols holds the yaegi symbol tables of the compiled packages
// notebook cells may import beyond the standard library: gonum, gonum/plot,
// gota, kernel/nb, kernel/display, archlab's lib packages and agents.
//
//	i := interp.New(interp.Options{})
//	i.Use(symbols.Symbols)
//
// The tables are generated; the package list lives in internal/gen
// (Packages and Optional). Regenerate with
//
//	go generate ./kernel/symbols
//
// TestTablesFresh fails when the committed tables differ from what the
// generator writes now.
package symbols
