package interp

import (
	"errors"
	"flag"
	"reflect"
	"strings"
)

// A program's command line. With Options.Args set (archlab run prog.go
// a b), os.Args is Args and the flag package's functions parse its own
// command line from Args[1:], as a compiled program's would; without, a
// session keeps the process's os.Args and flag.CommandLine. A flag error
// ends the program with status 2 (-h and -help with 0) as ExitOnError
// does, but as an os.Exit the kernel survives.

// argsSymbols binds os.Args and the flag package's functions to args.
func argsSymbols(args []string) map[string]map[string]reflect.Value {
	osArgs := append([]string(nil), args...)
	name := "program"
	if len(args) > 0 {
		name = args[0]
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(fd2) // the cell's stderr, whatever os.Stderr holds
	cl := &commandLine{fs: fs, args: osArgs}
	cl.usage = func() {
		out := fs.Output()
		if name == "" {
			_, _ = out.Write([]byte("Usage:\n"))
		} else {
			_, _ = out.Write([]byte("Usage of " + name + ":\n"))
		}
		fs.PrintDefaults()
	}
	fs.Usage = func() { cl.usage() }
	return map[string]map[string]reflect.Value{
		"os/os": {"Args": reflect.ValueOf(&cl.args).Elem()},
		"flag/flag": {
			"CommandLine":   reflect.ValueOf(&cl.fs).Elem(),
			"Usage":         reflect.ValueOf(&cl.usage).Elem(),
			"Parse":         reflect.ValueOf(cl.parse),
			"Parsed":        reflect.ValueOf(fs.Parsed),
			"Arg":           reflect.ValueOf(fs.Arg),
			"Args":          reflect.ValueOf(fs.Args),
			"NArg":          reflect.ValueOf(fs.NArg),
			"NFlag":         reflect.ValueOf(fs.NFlag),
			"Lookup":        reflect.ValueOf(fs.Lookup),
			"Set":           reflect.ValueOf(fs.Set),
			"Visit":         reflect.ValueOf(fs.Visit),
			"VisitAll":      reflect.ValueOf(fs.VisitAll),
			"PrintDefaults": reflect.ValueOf(fs.PrintDefaults),
			"Var":           reflect.ValueOf(fs.Var),
			"Func":          reflect.ValueOf(fs.Func),
			"BoolFunc":      reflect.ValueOf(fs.BoolFunc),
			"TextVar":       reflect.ValueOf(fs.TextVar),
			"Bool":          reflect.ValueOf(fs.Bool),
			"BoolVar":       reflect.ValueOf(fs.BoolVar),
			"Duration":      reflect.ValueOf(fs.Duration),
			"DurationVar":   reflect.ValueOf(fs.DurationVar),
			"Float64":       reflect.ValueOf(fs.Float64),
			"Float64Var":    reflect.ValueOf(fs.Float64Var),
			"Int":           reflect.ValueOf(fs.Int),
			"IntVar":        reflect.ValueOf(fs.IntVar),
			"Int64":         reflect.ValueOf(fs.Int64),
			"Int64Var":      reflect.ValueOf(fs.Int64Var),
			"String":        reflect.ValueOf(fs.String),
			"StringVar":     reflect.ValueOf(fs.StringVar),
			"Uint":          reflect.ValueOf(fs.Uint),
			"UintVar":       reflect.ValueOf(fs.UintVar),
			"Uint64":        reflect.ValueOf(fs.Uint64),
			"Uint64Var":     reflect.ValueOf(fs.Uint64Var),
		},
	}
}

// newFlagSet is flag.NewFlagSet for cells: a FlagSet that would exit the
// process on a bad flag (ExitOnError, which calls the real os.Exit and
// would end the kernel) panics instead, and the session ends the cell as
// that os.Exit would have ended the program (flagExit).
func newFlagSet(name string, h flag.ErrorHandling) *flag.FlagSet {
	if h != flag.ExitOnError {
		return flag.NewFlagSet(name, h)
	}
	fs := flag.NewFlagSet(name, flag.PanicOnError)
	fs.SetOutput(fd2)
	return fs
}

// flagErrors are the beginnings of the flag package's parse errors.
var flagErrors = []string{
	"flag provided but not defined: ", "bad flag syntax: ", "invalid value ", "invalid boolean value ",
	"flag needs an argument: ", "invalid boolean flag ",
}

// flagExit returns the exit status of an ExitOnError FlagSet for a
// panic value that is one of its parse errors (2, or 0 for -h), and
// whether it is one.
func flagExit(v any) (int, bool) {
	err, ok := v.(error)
	if !ok {
		return 0, false
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0, true
	}
	for _, p := range flagErrors {
		if strings.HasPrefix(err.Error(), p) {
			return 2, true
		}
	}
	return 0, false
}

// commandLine is a session's flag.CommandLine and os.Args.
type commandLine struct {
	fs    *flag.FlagSet
	args  []string
	usage func()
}

// parse is flag.Parse: the command line after the program's name; an
// error exits as ExitOnError does.
func (c *commandLine) parse() {
	var rest []string
	if len(c.args) > 1 {
		rest = c.args[1:]
	}
	if err := c.fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			panic(exitPanic{0})
		}
		panic(exitPanic{2})
	}
}
