// Package interp runs Go notebook cells on the yaegi interpreter
// (github.com/traefik/yaegi v0.16.1).
//
//	s, err := interp.New(interp.Options{})
//	v, err := s.Execute(ctx, `fmt.Println("hi")
//	x := 40
//	x + 2`, sink)
//	// sink got Stream("stdout", "hi\n"); v.Data["text/plain"] == "42"
//
// A Session keeps one interpreter for its whole life, so a trivial cell
// costs well under a millisecond (BenchmarkExecuteTrivial).
//
// # What a cell may do
//
//   - Use any standard package, gonum, gonum/plot, gota, kernel/nb and the
//     archlab lib packages listed in kernel/symbols without an import line:
//     a name used as pkg.X that nothing defines is imported, as goimports
//     would (math/rand for rand, text/template for template, gonum's plot
//     for plot; import others explicitly). Explicit imports work too, and
//     importing a package already in scope again is harmless.
//   - Mix declarations (func, type, var, const, import) and statements in
//     one cell: the cell is cut into runs of each, evaluated in order.
//   - End with an expression: its value is the result (execute_result),
//     rendered by display.Of (images, plots, dataframes, matrices,
//     display.Renderer values, text). Calls without results, and
//     fmt.Print-like calls, show nothing.
//   - Use Go 1.21–1.22 features yaegi lacks: range over an integer (a
//     loop rewrite, decided by the cell's own types and the session's
//     globals; see below), min, max and clear (generic session functions), and the
//     slices and maps helpers (Sort, Max, Index, Reverse, Sorted, Clone,
//     Keys, ...; see prelude.go).
//   - Redefine variables (even with another type), functions and types in
//     later cells; the newest definition wins.
//   - Print from interpreted or compiled code, or from C: fds 1 and 2 are
//     redirected to pipes while a cell runs and streamed to the Sink as the
//     output arrives, up to Options.MaxOutput bytes (then a notice).
//     LogOutput is the original stderr for the kernel's own logs.
//   - Fail: syntax and compile errors name the cell's line:col; undefined
//     names are found before anything runs; panics (with their positions),
//     os.Exit and log.Fatal end the cell with a *CellError and the session
//     goes on. A cell's func main is renamed so that it runs only when
//     called; a pasted whole program (with a package clause) runs its main.
//   - Be interrupted: cancelling Execute's context stops interpreted code
//     at the next loop iteration or call, and nb.Context() lets compiled
//     calls stop too.
//
// # Known limits (yaegi v0.16.1)
//
//   - Methods declared in cells are invisible to compiled code: compiled
//     fmt does not call an interpreted String method (fmt inside the cell
//     does, and so does the result display when the last expression is a
//     name or field chain), and interpreted types cannot satisfy compiled
//     interfaces that need their methods.
//   - Redefining a method keeps the old one for existing types; redefine the
//     type as well.
//   - Generics: type parameters inferred through a core type (S ~[]E) fail
//     with "undefined type for E"; write []E. Range over functions
//     (iterators) is not supported, so maps.Keys and maps.Values return
//     slices here, and slices.Sorted/Collect take slices.
//   - min and max type by their first argument: max(1, 2.5) is 2, not 2.5
//     (write max(1.0, 2.5)).
//   - Range over an integer is a source rewrite: the bound's type comes from
//     the cell (go/types), earlier cells' globals, or, when yaegi rejects
//     the loop, a second compilation that takes unknown bounds as integers.
//     The bound is evaluated once, as in Go.
//   - The standard library tables are yaegi's (Go 1.22 API): symbols added
//     in Go 1.23+ (strings.Lines, iter, ...) are missing.
//   - A panic in a goroutine a cell started, or os.Exit called by compiled
//     code, still ends the process, as in Go.
//   - After an interrupt, a compiled call that ignores nb.Context() keeps
//     running in the background; its output after the cell ends goes to
//     the process's stdout.
//   - Cells run one at a time per process (output capture owns fds 1 and 2).
package interp
