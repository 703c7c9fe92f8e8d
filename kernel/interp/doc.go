// Package interp runs Go notebook cells on the yaegi interpreter
// (github.com/traefik/yaegi v0.16.1; its interp package is a patched copy
// in internal/yaegi, see the README there).
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
//     would; where several packages share the name, the selectors decide
//     (see "Which package a name reaches"). Explicit imports work too, and
//     importing a package already in scope again is harmless. A program (a
//     cell with its package clause, archlab run prog.go) imports what it
//     uses, as Go requires: without its import, fmt.Println is "undefined:
//     fmt".
//   - Mix declarations (func, type, var, const, import) and statements in
//     one cell: the cell is cut into runs of each, evaluated in order.
//   - End with an expression: its value is the result (execute_result),
//     rendered by display.Of (images, plots, dataframes, matrices,
//     display.Renderer values, text). Calls without results, and
//     fmt.Print-like calls, show nothing.
//   - Use Go 1.21–1.24 features yaegi lacks: range over an integer (a
//     loop rewrite, decided by the cell's own types and the session's
//     globals; see below), min, max and clear (generic session functions;
//     untyped constants of mixed kinds type together as in Go, so
//     max(1, 2.5) is 2.5), the slices and maps helpers (Sort, Max,
//     Index, Reverse, Clone, ...; see prelude.go), and iterators: range
//     over functions (for v := range seq, for k, v := range seq2, with
//     break, continue, labels, goto, return, defer and panics as in Go),
//     the iter package (Seq, Seq2, Pull, Pull2), slices.All, Values,
//     Backward, Collect, Sorted, SortedFunc, Chunk, AppendSeq, maps.All,
//     Keys, Values, Insert, Collect, and the Seq functions of strings and
//     bytes (Lines, SplitSeq, FieldsSeq, ...).
//   - Have programs checked as go run checks them before they run, and
//     stopped as Go stops them: typed constant overflows, pointer
//     methods on values with no address, a value used as an interface
//     its pointer implements, a missing return, an assignment to a field
//     of a map element, and unused variables and imports (in a program)
//     are compile errors with Go's messages. A program (a cell with its
//     package clause, archlab run prog.go) is type-checked whole before
//     it runs, with the standard library's types from the Go source tree
//     the binary was built with (gocheck.go): every error go/types finds
//     is a compile error, in the compiler's words and positions, at most
//     ten [kernel/cmd/testdata/gobuild]; where that source tree is
//     missing, the checks above remain. A program's syntax errors read as
//     the compiler's for the common cases (unexpected EOF, a missing
//     comma before a newline, else on its own line, an if or for without
//     its brace, a statement outside a function) [TestCheckProgram];
//     others keep go/parser's words. A cell
//     whose goroutines are all blocked ends with Go's "all goroutines
//     are asleep - deadlock!" (deadlock.go).
//   - Name a label like a variable, func, type or package (retry:,
//     done:, outer:): yaegi keeps labels in the scope of other names, so
//     such a label is renamed (rewrite_labels.go) [gorun/labelnames.go].
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
//     runs; a panic, explicit or a runtime error, names where it happened
//     (see "Panics"); os.Exit and log.Fatal end the cell with a *CellError
//     and the session goes on. A cell's func main is renamed so that it
//     runs only when called; a pasted whole program (with a package clause)
//     runs its main.
//   - Be interrupted: cancelling Execute's context stops interpreted code
//     at the next loop iteration or call, and nb.Context() lets compiled
//     calls stop too.
//
// # Which package a name reaches
//
// arch, train, data, eval, search, results, store and agents are archlab's
// lib packages (agents the LLM roles). plot is gonum's plot or archlab's
// lib/plot, exec os/exec or archlab's lib/exec, rand math/rand or
// crypto/rand, template text/template or html/template: a name shared by
// several packages goes to the usual one (the first named) when it exports
// every selector the cell writes after the name, otherwise to the one that
// does. So plot.New() is gonum's and plot.Spearman(x, y) archlab's;
// exec.Command is os/exec's and exec.NewLocal archlab's. A cell that needs
// both (plot.New and plot.Spearman) is a compile error naming both and the
// line to write, e.g. import aplot "github.com/archlab/archlab/lib/plot".
// Once imported, a name keeps its package for the session, and a selector
// only the other package has is a compile error with the same advice
// (names.txtar, names-lib.txtar).
//
// # Panics
//
// A panic ends the cell with a *CellError named "Panic": the message, then
// one line per interpreted frame, innermost first, in the cells' own
// coordinates:
//
//	Panic: runtime error: index out of range [5] with length 2
//	  at line 3:13
//
//	Panic: runtime error: invalid memory address or nil pointer dereference
//	  at line 6:38 in (*node).second (an earlier cell: func (n *node) second() int { return n.next.v })
//	  at line 1:1
//
// The innermost line is the expression that failed (an index, a map write,
// a dereference, a division, a type assertion, a call of compiled code
// that panicked, or the panic call); outer lines are the calls. A function
// an earlier cell declared is named with that cell's line and source.
// Index, slice-bounds and nil-pointer panics carry Go's message; yaegi's
// own follows in brackets, since it is the value recover returns. A panic
// in a goroutine the cell started (go func() {...}(), go f(x), go x.M(),
// go f[int](x)) ends that cell, marked "(in a goroutine)" with the go
// statement's line; once its cell has ended it goes to the kernel log.
// archlab run prints the same lines for a script (runtime-panics.txtar,
// panics.txtar, goroutines.txtar; TestProgramsMatchGoRun checks message
// and line against go run).
//
// # Known limits (yaegi v0.16.1)
//
// Each difference from Go that remains is either a compile error that says
// so and how to write the code instead, or listed here; testdata/*.txtar
// pins today's behaviour (file named in brackets).
//
//   - Loops the kernel cannot give Go 1.22 semantics are compile errors
//     [loopvar.txtar]: a loop that changes its variable, keeps a reference
//     to it (a func literal that names it, its address, a method value on
//     it) and uses continue; a func literal in a loop's condition or post
//     statement [limits.txtar]. Slicing another value with it (s[start:i])
//     or taking another variable's address keeps none
//     [gorun/loopcontinue.go].
//   - defer among a cell's top-level statements is a compile error: yaegi
//     would run it again after every later cell. Defer inside functions
//     works [loopvar.txtar].
//   - Run-time errors are Go's runtime.Error values with Go's messages
//     (index and slice bounds with their values, nil dereferences, nil
//     maps, failed type assertions, division by zero, closed channels), as
//     recover() sees them [runtime-panics.txtar]; a run-time failure of
//     another kind inside reflect may still give recover() reflect's own
//     message, which the cell error translates where it can.
//   - A panic in an interpreted func that compiled code runs on a
//     goroutine of its own (time.AfterFunc, a callback a library calls
//     concurrently) ends the process, as in Go; so does os.Exit called by
//     compiled code (a *log.Logger's Fatal taken as a func value; called
//     as l.Fatal(...) it ends the cell as os.Exit(1) does). The crash
//     report goes to the
//     process's original stderr [TestProcessEndingLimits].
//   - log's Lshortfile and Llongfile flags print the program's file (as
//     archlab run was given it; "cell.go" in a notebook) and the calling
//     line, for the package's print functions and a *log.Logger's
//     [output.txtar, kernel/cmd/testdata/gorunfile/logflags.go].
//     runtime.Caller and log's Output (with a calldepth) report the
//     program's file and lines, following the program's direct calls of
//     functions and methods; a func value's call (a closure held in a
//     variable) is not followed, and the pc is 0 (runtime.FuncForPC gives
//     no name) [kernel/cmd/testdata/gorunfile/caller.go].
//     runtime.Callers and slog's AddSource see the interpreter's frames.
//   - Values of cell types print as in Go (names in %T and %#v, field
//     names in %+v, String and Error methods of nested values) through the
//     print functions of fmt and log (a *log.Logger's included). Other
//     compiled code sees a cell's type by its structure and without its
//     methods: text/template prints []temp{t} without temp's String and a
//     struct's unexported field with an X prefix in printf's %+v.
//     json.Marshal, json.MarshalIndent, json.Unmarshal and a json.Encoder's
//     Encode and json.Decoder's Decode call cell types' MarshalJSON,
//     MarshalText, UnmarshalJSON and UnmarshalText methods at any depth;
//     json.Unmarshal's and a json.Decoder's type errors name the struct
//     that holds the field (Go struct field Person.age) and a target of a
//     cell struct type (of type main.Limits), and an error of compiled
//     code that would spell a cell struct type (Unmarshal(non-pointer T),
//     json: unsupported type: map[T]int) names it, unwrapping to the
//     compiled error (errors.As finds it; a type switch on the error does
//     not) [limits.txtar, gorun/jsontypeerrors.go]. Two cell struct types of the
//     same structure are one type to reflect: in an interface{} without
//     methods, fmt shows the later one's name for either.
//   - A method expression (get := counter.Get, (*T).Add, Shape.Area) is
//     rewritten into the func literal it stands for when the cell (or the
//     program) declares its type, with the parameter types of the method's
//     declaration where they are an imported package's (io.Writer)
//     [gorun/methodexprpkg.go]; on a type an earlier cell declared,
//     used as a value it is a compile error that says how to wrap it, and
//     called directly on a concrete type (counter.Get(c)) it works
//     [limits.txtar].
//   - A method expression on an interface type an earlier cell declared
//     (shape.Area(sq)) fails with an error that does not say how to write
//     it instead ("too many arguments") [limits.txtar]. Generic types
//     declared inside a function (Go 1.26) work [gorun/localgeneric.go].
//     A struct field whose func or map type
//     names the struct (map[string]func(*M) in M) works
//     [gorun/recursivefunc.go].
//   - A constant expression that overflows its type (uint8(200) +
//     uint8(100)) and a pointer method called on a value with no address
//     (S{}.Inc()) are compile errors with Go's messages when the cell (or
//     the program) decides them alone [errors.txtar]; built from an
//     earlier cell's constants or types they still run, as yaegi folds
//     them (wrapping around; calling the method on a copy). A program (a
//     cell with a package clause, or archlab run prog.go) with an unused
//     variable or standard import is an error as in go run; cells without
//     one may leave them unused, as a notebook's top level is global.
//     So are an unused label, a goto over a declaration and a constant
//     index out of range [errors.txtar]. Other invalid programs Go rejects
//     may still run (a type error yaegi does not check), and yaegi's
//     compile errors are worded its own way.
//   - A func type that names itself (type stateFn func(*lexer) stateFn,
//     the state-function lexer) is a compile error that says to wrap it in
//     a struct (type stateFn struct{ run func(*lexer) stateFn }), which
//     works: reflect cannot make recursive func types [limits.txtar]. So
//     is a slice, map, array, channel or pointer type that names itself
//     (type Tree map[string]Tree, type Nested []Nested).
//   - reflect.Type's Name, String, PkgPath, Field and FieldByName, and a
//     reflect.Type printed by fmt, show a struct type of the program as Go
//     does: main.User, its fields' own names, tags and export state
//     [gorun/reflectview.go]. Otherwise reflect sees a program's type by
//     its structure: NumMethod is 0, Method and Implements do not see its
//     methods, a named type of another kind is its underlying type (type
//     Color int is int), reflect.Value.FieldByName gives an unexported
//     field as a copy (CanSet false, as in Go, but CanAddr false too), and
//     text/template cannot call its methods.
//   - Unlocking a sync.Mutex or sync.RWMutex that is not locked (Unlock,
//     RUnlock) is Go's fatal error: the cell (or archlab run) ends with a
//     FatalError "sync: unlock of unlocked mutex", which recover does not
//     catch and no deferred call sees, and the kernel goes on
//     [runtime-panics.txtar, gorun/syncfatal.go]. A deferred Unlock is not
//     checked: that misuse, and Go's other fatal errors (concurrent map
//     writes), still end the process, as in Go, with the output not yet
//     forwarded lost.
//   - A cell whose goroutines all block on its own channels, selects and
//     locks ends with Go's "all goroutines are asleep - deadlock!" (a
//     FatalError) within about half a second [deadlock.txtar]. The watch
//     is conservative: a wait inside a compiled function, a pending
//     time.After or context deadline, and any Timer, Ticker, AfterFunc or
//     signal.Notify the session made (they may fire later) rule it out,
//     so such a program waits, as before, until interrupted.
//   - A panic raised by a deferred call while another was in flight reads
//     as Go's chain ("first [recovered]", a new line, a tab and "panic:
//     wrapped: first"; "first [recovered, repanicked]" for the same value
//     raised again) [panics.txtar]. The chain is kept per session, not per
//     goroutine: two goroutines panicking through deferred calls at the
//     same moment may mix their links. A goroutine's panic whose deferred
//     wg.Done() lets main go on still ends the program with that panic:
//     the other goroutines wait at their next call into compiled code
//     (their next output) until it has, so main prints nothing after
//     wg.Wait(), as Go's runtime almost never lets it, and main's deferred
//     calls do not run (also after os.Exit in a goroutine)
//     [goroutines.txtar]. An interrupt still runs them.
//   - iter.Pull and iter.Pull2 run the iterator on a goroutine where Go
//     uses a coroutine: the values and the order of events are the same,
//     a panic in the iterator reaches the caller of next, but an iterator
//     that needs its caller's goroutine (runtime.LockOSThread, goroutine
//     identity) sees another one [iterators.txtar].
//   - A range loop that assigns existing variables (for j = range xs) is
//     a source rewrite: the loop declares its own and assigns j first
//     thing in the body, so j holds the last iteration's value afterwards,
//     as in Go [gorun/rangeassign.go].
//   - Range over an integer is a source rewrite: the bound's type comes from
//     the cell (go/types), earlier cells' globals, or, when yaegi rejects
//     the loop, a second compilation that takes unknown bounds as integers.
//     The bound is evaluated once, as in Go [modern.txtar].
//   - append grows a slice's capacity as reflect.Append does: starting
//     from nil, caps run 1 2 4 4 8 where Go 1.26's compiled append gives
//     4 4 4 4 8; lengths and contents are the same [limits.txtar].
//   - An untyped constant shifted by a non-constant count takes the type
//     its context gives it, as in Go (1<<k appended to a []uint64, passed
//     for a uint64, u == 1<<n + 4), where the kernel's type check sees
//     that type: the kernel writes it (uint64(1)<<k). Where it cannot (a
//     statement at a cell's top level using another statement's
//     variables), the shift is computed as an int and panics "reflect:
//     call of reflect.Value.SetUint on int Value"; write the type
//     [limits.txtar; gorun/shiftconst.go].
//   - The standard library tables are yaegi's (Go 1.22 API) with the
//     additions of stdnewer.go (the Seq functions of strings and bytes,
//     os.CopyFS, os.OpenRoot, crypto/rand.Text, slog.DiscardHandler,
//     crypto/sha3, binary.Append, Encode and Decode, atomic.AndInt32 and
//     the other And and Or functions, slog.NewMultiHandler, fs.Lstat and
//     ReadLink, filepath.Localize, math/rand/v2's Uint) and
//     the iterator functions above, and the generic functions and types
//     of compiled packages written for the interpreter (prelude.go
//     stdExtensions: sync.OnceValue, sync.OnceValues, atomic.Pointer[T],
//     reflect.TypeFor and TypeAssert, math/rand/v2's N, unique.Make and
//     Handle, errors.AsType); other symbols added in Go 1.23+ are missing (a
//     compile error naming the symbol), and so are the other generic ones
//     of compiled packages (weak.Make) [limits.txtar].
//   - Type arguments the interpreter cannot infer (a type parameter found
//     only in a generic type of a callback's result, Then(b, func(string)
//     Box[int] {...})) are written by the kernel as go/types inferred them,
//     and the segment compiled again [gorun/inferresult.go]; where they
//     name an imported package's type the compile error stays, with a
//     hint to write them. In a program, a generic function used as a
//     value (slices.SortFunc(xs, cmp.Compare), var f func([]int) int =
//     Sum, return Format) gets the type arguments go/types inferred
//     written after its name [gorun/funcreturns.go]; in a cell, write
//     them (cmp.Compare[int]).
//   - Compile errors in a generic function's body found at a later call
//     point into that earlier cell ("an earlier cell's line 8:10")
//     [generics.txtar].
//   - A panic raised again by a deferred call is shown from the deferred
//     func outwards, without the frame of the function whose defer it was
//     [limits.txtar]. Two goroutines of one cell panicking at the same
//     moment may mix their frame lines (a race, not pinned).
//   - After an interrupt, a compiled call that ignores nb.Context() keeps
//     running in the background; its output after the cell ends goes to
//     the process's stdout.
//   - Cells run one at a time per process (output capture owns fds 1 and 2).
//     debug.SetMaxStack keeps the program's limit without applying it: the
//     interpreter's own stacks need the one New sets [gorun/setmaxstack.go].
//   - A value of a named non-struct type of the program (type Level int,
//     type key string) keeps its type through the compiled code that only
//     stores an any for the program to get back: container/heap, list and
//     ring (a list element's Value too), sync.Map, sync.Pool, atomic.Value
//     and context.WithValue's keys and values gorun/namedany.go. Other
//     compiled code that takes an any (reflect.ValueOf, encoding/binary,
//     text/template) gets its underlying value, as it examines the value:
//     reflect.ValueOf(Level(1)).Type() is int.
//   - Compiled code sees a program value's methods where the interpreter
//     wraps it for an interface the code names (error, fmt.Stringer,
//     io.Writer, sort.Interface, heap.Interface, json.Marshaler, ...),
//     but not an interface it asserts to on its own: io.WriteString and
//     bufio do not find a program writer's WriteString, fmt.Fscan its
//     ReadRune, fs.ReadDir its ReadDir, encoding/xml
//     and gob its MarshalText or GobEncode, flag.TextVar its
//     UnmarshalText; reflect.DeepEqual of values holding such wrappers is
//     false; flag's PrintDefaults adds "(default 0)" for a custom
//     flag.Value whose zero value prints 0 (it calls String on a zero
//     wrapper, not on a zero value of the program's type).
//   - A gob.Encoder's Encode sends a program struct's exported fields
//     only, as Go's [gorun/gobunexported.go]; gob refuses a field of a
//     program interface type ("type interp.valueInterface has no exported
//     fields"), and a program struct held in an any (Encode of an any
//     variable, a field of type any) is sent with its unexported fields.
//   - A method expression on a program interface that embeds a compiled
//     one (type Named interface{ fmt.Stringer }; Named.String) works where
//     the cell or program declares the interface [interfaces.txtar]; on one an
//     earlier cell declared it is "too many arguments" (see above).
//   - In a cell without a package clause, a generic call whose argument
//     is a multi-value call (Then(Try(strconv.Atoi(s)), f)) cannot infer
//     the type parameters that depend on it: the compile error asks for
//     them explicitly [limits.txtar]. A program (archlab run, or a cell
//     with its package clause) gets the type arguments go/types infers
//     for every call of its own generic functions [gorun/genericinfercalls.go].
//   - json's error for a failing MarshalText of a map key, and for a number
//     given to a field with an interpreted UnmarshalText, is worded
//     differently from Go's.
//   - log/slog logs a program value given as an any (Info's arguments,
//     slog.Any, Group, Logger.With) as Go does: by its String or Error
//     method, resolved by its LogValue method, a struct by its fields
//     (%+v in text, its JSON encoding in JSON) [gorun/slognamed.go];
//     slog.AnyValue(v).Kind() of a named basic type is Any, as in Go.
//   - A method expression on a compiled package's type (time.Time.Compare,
//     (*strings.Builder).WriteString, fmt.Stringer.String) is rewritten
//     into the func literal it stands for, from reflect's view of the
//     method, when the packages its signature names are imported
//     [gorun/methodexprcompiled.go, interfaces.txtar].
//   - A flag.FlagSet made with flag.ExitOnError is made with PanicOnError
//     (the compiled one would call the real os.Exit and end the kernel);
//     its parse errors end the cell as os.Exit(2) (0 for -h) would have
//     ended the program [errors.txtar]. A program that recovers that
//     panic sees it, where Go would have exited.
//   - A recovered run-time error is the value Go's runtime panics with, of
//     its type (%T prints runtime.boundsError, runtime.errorString)
//     [runtime-panics.txtar], except for a failed type assertion
//     (interp.typeAssertionError, not *runtime.TypeAssertionError), a slice
//     converted to an array of another length, and three-index slicing of an
//     array past its length, which have Go's message and are runtime.Error
//     values of the interpreter's types [limits.txtar].
//   - Values of a named basic type of the program (type Color int) in an
//     interface are boxed with their type by the interpreter. == between
//     an interface and such a value compares the type too, as Go does (c
//     == Green) [gorun/namedifaceeq.go]; so do map keys (m[Green] and
//     m[1] of a map[any] are two entries), and maps keyed by a program's
//     interface type or by structs holding interfaces find equal keys made
//     anywhere, as == on such structs does [gorun/ifacekeys.go]. fmt orders the keys of a map[any] that mixes types
//     by type as Go does, but two types may come in the other order. A
//     map[error] (or another compiled interface) keyed by a program's
//     type fails with "hash of unhashable type interp._error"
//     [limits.txtar].
//   - Named struct types of the program are distinct reflect types (two
//     with the same fields are told apart by type switches and
//     assertions), marked by a tag on their first field
//     (yaegi:"main.Celsius"), or a zero-size field X_ for an empty struct,
//     which text/template and reflect.Value show; a value
//     of one cannot be assigned to a variable of the unnamed struct type
//     with the same fields (var s struct{ V float64 } = c), which Go
//     allows [gorun/structidentity.go].
//   - A struct embedding a compiled interface (type codeErr struct{ error;
//     code int }) prints through the promoted method, but reflect does not
//     see that method: errors.As into such a struct panics "errors:
//     *target must be interface or implement error" [gorun/embederror.go].
//   - In a[i] = f(), an index out of range panics before f runs (Go calls
//     f first) [limits.txtar]. In x + f() where f changes x, x is read
//     before the call (the compiler reads it after every call of the
//     statement; the spec leaves the order open).
//   - A method that two embedded types promote at the same depth is
//     ambiguous in Go and not in the method set; the interpreter keeps
//     one of them for interface assertions (a direct call is a compile
//     error, as in Go). go f() with f a nil func panics in the goroutine
//     where Go stops with "fatal error: go of nil func value". A
//     recovered value of a type with a String method raised again prints
//     as two panics, not "[recovered, repanicked]".
//   - Interpreted calls nest at most 1,200,000 deep (interp.MaxCallDepth;
//     New raises Go's stack limit to fit): a deeper recursion ends the
//     cell, or the program, with Go's fatal error "stack overflow" (exit
//     status 2 under archlab run) about two seconds and 1.5 GB in, where Go
//     allows a few times deeper recursion of small functions
//     [TestStackOverflow]. Deferred calls do not run then, as in Go.
//   - A generic type alias (type Set[T comparable] = map[T]struct{}, Go
//     1.24) is a source rewrite: in the cell or program that declares it,
//     each instantiation (Set[string]) is written as the aliased type, as
//     Go reads it [gorun/genericalias.go]. A later cell sees it declared
//     as a defined type of the same structure: values convert and assign
//     as with the alias, but %T names main.Set[string] where Go names
//     map[string]struct {}.
//   - unsafe.Sizeof, Alignof, Offsetof, Add, String, StringData and
//     unsafe.Pointer conversions work [gorun/unsafesizes.go];
//     unsafe.Slice and SliceData (generic in effect) are compile errors
//     ("package unsafe has no symbol Slice").
//   - Calls are slow: an interpreted call costs about 0.5 µs (archlab run
//     of fib(30) takes about 0.75 s, the compiled program 7 ms; archlab
//     run sets GOGC=400 for a script unless GOGC or GOMEMLIMIT is set),
//     a func literal that compiled code calls (sort.Slice's less) about
//     1.5 µs;
//     loops over slices and maps, and calls into compiled packages, are
//     far closer to Go (go test -bench Calls ./kernel/interp).
package interp
