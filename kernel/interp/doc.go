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
//     globals; see below), min, max and clear (generic session functions;
//     untyped constants of mixed kinds type together as in Go, so
//     max(1, 2.5) is 2.5), and the slices and maps helpers (Sort, Max,
//     Index, Reverse, Sorted, Clone, Keys, ...; see prelude.go).
//   - Rely on Go 1.22 loop variables: each iteration of a for loop has its
//     own variables, so closures, goroutines and pointers taken in a loop
//     see their iteration's values (rewrite_loopvar.go; the same programs
//     are checked against go run in TestProgramsMatchGoRun). A := in a
//     nested block declares a new variable even where a global has its
//     name (yaegi alone would assign the global).
//   - Redefine variables (even with another type), functions and types in
//     later cells; the newest definition wins.
//   - Print from interpreted or compiled code, or from C: fds 1 and 2 are
//     redirected to pipes while a cell runs and streamed to the Sink as the
//     output arrives, up to Options.MaxOutput bytes (then a notice).
//     LogOutput is the original stderr for the kernel's own logs.
//   - Fail: syntax and compile errors name the cell's line:col (kernel
//     rewrites are mapped back); undefined names are found before anything
//     runs; a panic names the line:col of the panic call ("at line 3:1")
//     and the functions it passed through; os.Exit and log.Fatal end the
//     cell with a *CellError and the session goes on. A panic in a
//     goroutine the cell started (go func() {...}() or go f(x)) ends the
//     cell with that panic; after the cell has ended it is logged instead.
//     A cell's func main is renamed so that it runs only when called; a
//     pasted whole program (with a package clause) runs its main.
//   - Be interrupted: cancelling Execute's context stops interpreted code
//     at the next loop iteration or call, and nb.Context() lets compiled
//     calls stop too.
//
// # Known limits (yaegi v0.16.1)
//
// Each difference from Go that remains is either a compile error that says
// so and how to write the code instead, or listed here; testdata/*.txtar
// pins today's behaviour (file named in brackets).
//
//   - Loops the kernel cannot give Go 1.22 semantics are compile errors
//     [loopvar.txtar]: a deferred func literal that uses a variable declared
//     by its loop (yaegi would run it with the last iteration's value; pass
//     the value as an argument: defer func(i int) {...}(i)); a loop that
//     changes its variable, keeps a reference to it and uses continue; a
//     func literal in a loop's condition or post statement [limits.txtar].
//   - defer among a cell's top-level statements is a compile error: yaegi
//     would run it again after every later cell. Defer inside functions
//     works [loopvar.txtar].
//   - Runtime panics (index out of range, nil map, nil pointer) name the
//     functions they passed through but no line, and some messages differ
//     from Go's ("reflect: slice index out of range") [panics.txtar,
//     limits.txtar]. Explicit panic calls give their exact line:col.
//   - A panic in a goroutine started as go x.M() (a method call) still ends
//     the process, as in Go; go func() {...}() and go f(x) end the cell.
//     os.Exit called by compiled code also ends the process.
//   - Methods declared in cells are invisible to compiled code: compiled
//     fmt does not call an interpreted String method (fmt inside the cell
//     does, and so does the result display when the last expression is a
//     name or field chain), and interpreted types cannot satisfy compiled
//     interfaces that need their methods.
//   - Redefining a method keeps the old one for existing types; redefine the
//     type as well.
//   - Generics: type arguments are not inferred from a function-typed
//     argument (Map(xs, func(int) string {...})) nor for a variadic type
//     parameter (Sum(1, 2, 3)); both are compile errors with a hint, and
//     work with the type arguments written out: Map[int, string](...),
//     Sum[int](1, 2, 3) [generics.txtar]. Type parameters inferred through
//     a core type (S ~[]E) fail with "undefined type for E"; write []E.
//   - Range over functions (Go 1.23 iterators) is not supported: a compile
//     error with a hint [limits.txtar]. maps.Keys and maps.Values return
//     slices here, and slices.Sorted/Collect take slices [modern.txtar].
//   - Range over an integer is a source rewrite: the bound's type comes from
//     the cell (go/types), earlier cells' globals, or, when yaegi rejects
//     the loop, a second compilation that takes unknown bounds as integers.
//     The bound is evaluated once, as in Go [modern.txtar].
//   - The standard library tables are yaegi's (Go 1.22 API): symbols added
//     in Go 1.23+ (strings.Lines, iter, ...) are missing [limits.txtar].
//   - Compile errors in a generic function's body found at a later call
//     point into that earlier cell ("an earlier cell's line 8:10").
//   - After an interrupt, a compiled call that ignores nb.Context() keeps
//     running in the background; its output after the cell ends goes to
//     the process's stdout.
//   - Cells run one at a time per process (output capture owns fds 1 and 2).
package interp
