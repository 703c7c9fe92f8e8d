package cmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/archlab/archlab/kernel/interp"
	"github.com/archlab/archlab/kernel/runner"
	"github.com/archlab/archlab/lib/cli"
)

// paramList collects repeated -p name=value flags.
type paramList []string

func (p *paramList) String() string     { return strings.Join(*p, ",") }
func (p *paramList) Set(v string) error { *p = append(*p, v); return nil }

func cmdRun(env *cli.Env) int {
	fs := cli.NewFlags(env, "run", "[-o OUT.ipynb] [-p name=value ...] NOTEBOOK.ipynb | SCRIPT.go [ARG ...]",
		`Execute a notebook headless (nbformat 4, outputs and images written back),
or run a Go script. Exits non-zero naming the first failing cell; a cell
tagged "raises-exception" may fail and the run goes on (as in nbclient), and
--allow-errors lets every cell fail so (as in nbconvert), errors kept in the
outputs. Parameters are assigned after the cell tagged "parameters".
Arguments after SCRIPT.go are the program's (os.Args, flag.Parse), as with
go run.`)
	out := fs.String("o", "", "write the executed notebook here (default: print nothing, keep the input unchanged)")
	var params paramList
	fs.Var(&params, "p", "parameter name=value (repeatable)")
	quiet := fs.Bool("q", false, "do not echo cell output to stdout")
	allowErrors := fs.Bool("allow-errors", false, "run every cell even when some fail; errors stay in the outputs and the exit status is 0")
	// Accept flags after a notebook's name too: archlab run nb.ipynb -o
	// out.ipynb. After a script's name, the rest is the program's.
	var files, progArgs []string
	args := env.Args
	// A script's own arguments are not archlab's (-h included).
	if k := scriptIndex(args); k >= 0 {
		args, progArgs = args[:k+1], args[k+1:]
	}
	for len(args) > 0 {
		if code, done := cli.ParseFlags(&cli.Env{Args: args, Stdin: env.Stdin, Stdout: env.Stdout, Stderr: env.Stderr}, fs); done {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	stdout, stderr := env.Stdout, env.Stderr
	// Cells capture fds 1 and 2: print through duplicates of the originals.
	if stdout == os.Stdout {
		stdout = interp.OriginalStdout()
	}
	if stderr == os.Stderr {
		stderr = interp.LogOutput()
	}
	path := files[0]
	if strings.HasSuffix(path, ".go") {
		defer tuneGC()()
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "archlab run: %v\n", err)
			return 1
		}
		if err := runner.RunScriptArgs(ctx, string(src), append([]string{path}, progArgs...), stdout, stderr); err != nil {
			return scriptFailed(stderr, path, err)
		}
		return 0
	}
	nb, err := runner.Read(path)
	if err != nil {
		fmt.Fprintf(stderr, "archlab run: %v\n", err)
		return 1
	}
	opts := runner.Options{Params: params, AllowErrors: *allowErrors}
	if !*quiet {
		opts.Echo = stdout
	}
	if isTerminal(env.Stderr) {
		opts.Progress = progressLine(stderr, *quiet)
	}
	start := time.Now()
	runErr := runner.Run(ctx, nb, opts)
	if *out != "" {
		if err := nb.Write(*out); err != nil {
			fmt.Fprintf(stderr, "archlab run: %v\n", err)
			return 1
		}
		fmt.Fprintf(stderr, "archlab run: wrote %s (%s)\n", *out, time.Since(start).Round(100*time.Millisecond))
	}
	if runErr != nil {
		var cf *runner.CellFailure
		if errors.As(runErr, &cf) {
			fmt.Fprintf(stderr, "archlab run: %s: cell %d (In [%d]: %s) failed\n", path, cf.Index+1, cf.Count, cf.Line)
			for _, l := range cf.Err.Traceback {
				fmt.Fprintf(stderr, "  %s\n", l)
			}
			return 1
		}
		fmt.Fprintf(stderr, "archlab run: %v\n", runErr)
		return 1
	}
	return 0
}

// isTerminal reports whether w is a character device (a terminal), where
// progress lines help; in a log file or a pipe they are noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressLine returns a runner.Options.Progress that names each cell as
// it starts ("[3/12] In [3]: cfg := ...") and says how it ended. With
// quiet (no cell output echoed) one line is rewritten in place.
func progressLine(w io.Writer, quiet bool) func(runner.CellProgress) {
	return func(p runner.CellProgress) {
		line := p.Line
		if n := 60; len([]rune(line)) > n {
			line = string([]rune(line)[:n-1]) + "…"
		}
		head := fmt.Sprintf("[%d/%d] In [%d]: %s", p.Count, p.Total, p.Count, line)
		switch {
		case !p.Done && quiet:
			fmt.Fprintf(w, "\r\033[K%s", head)
		case !p.Done:
			fmt.Fprintf(w, "\033[2m%s\033[0m\n", head)
		case quiet:
			fmt.Fprintf(w, "\r\033[K%s  %s\n", head, outcome(p))
		default:
			fmt.Fprintf(w, "\033[2m[%d/%d] %s\033[0m\n", p.Count, p.Total, outcome(p))
		}
	}
}

func outcome(p runner.CellProgress) string {
	d := p.Elapsed.Round(10 * time.Millisecond)
	if p.Err != nil {
		return fmt.Sprintf("failed after %s", d)
	}
	return fmt.Sprintf("ok in %s", d)
}

// compileLineRE is a compile error's line in a cell error: "line 6:2: msg".
var compileLineRE = regexp.MustCompile(`^line (\d+):(\d+): (.*)$`)

// declaredAtRE is a position of the program a message names ("declared
// at line 8:9").
var declaredAtRE = regexp.MustCompile(`\bat line (\d+):(\d+)\b`)

// goBuildErrors writes a script's compile errors as go build does
// (./prog.go:6:2: declared and not used: x), the path relative to the
// working directory; false when the error has no position.
func goBuildErrors(path string, ce *interp.CellError) (string, bool) {
	name := path
	if abs, err := filepath.Abs(path); err == nil {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, abs); err == nil && !strings.HasPrefix(rel, "..") {
				name = rel
				if !strings.Contains(rel, string(filepath.Separator)) {
					name = "." + string(filepath.Separator) + rel
				}
			} else {
				name = abs
			}
		}
	}
	var b strings.Builder
	for i, l := range append([]string{ce.Value}, ce.Traceback[1:]...) {
		if strings.HasPrefix(l, "\t") && i > 0 {
			// A message's further line (have, want), or a further part
			// with its own position (previous case).
			if m := compileLineRE.FindStringSubmatch(l[1:]); m != nil {
				l = fmt.Sprintf("\t%s:%s:%s: %s", name, m[1], m[2], m[3])
			}
			b.WriteString(l + "\n")
			continue
		}
		m := compileLineRE.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return "", false
		}
		msg := declaredAtRE.ReplaceAllString(m[3], "at "+name+":$1:$2") // declared at line 8:9
		fmt.Fprintf(&b, "%s:%s:%s: %s\n", name, m[1], m[2], msg)
		if ce.Name == "SyntaxError" && i == 0 {
			break // the parser's follow-on errors are not go build's
		}
	}
	return b.String(), true
}

// scriptIndex returns the index in args of the script (the first
// argument ending in .go that is not a flag or a flag's value), or -1.
func scriptIndex(args []string) int {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			if i+1 < len(args) && strings.HasSuffix(args[i+1], ".go") {
				return i + 1
			}
			return -1
		case strings.HasPrefix(a, "-"):
			if name := strings.TrimLeft(a, "-"); name == "o" || name == "p" {
				i++ // the flag's value
			}
		case strings.HasSuffix(a, ".go"):
			return i
		}
	}
	return -1
}

// scriptFailed reports a script's failure as go run reports a program's
// and returns the exit status: os.Exit(n) (or log.Fatal) is "exit status
// n", a panic is Go's "panic: message", a blank line, the interpreter's
// traceback (lines and columns) and "exit status 2", both exiting 1 as go run does; os.Exit(0) is a success.
// A deadlock is Go's "fatal error: all goroutines are asleep - deadlock!"
// with the blocked goroutines' states, and "exit status 2".
// Anything else (a compile error, an interrupt) is named with the script.
func scriptFailed(stderr io.Writer, path string, err error) int {
	var ce *interp.CellError
	if errors.As(err, &ce) && (ce.Name == "CompileError" || ce.Name == "SyntaxError") {
		if lines, ok := goBuildErrors(path, ce); ok {
			// As go build reports them: go run exits 1, no exit status line.
			fmt.Fprintf(stderr, "# command-line-arguments\n%s", lines)
			return 1
		}
	}
	if !errors.As(err, &ce) || (ce.Name != "Exit" && ce.Name != "Panic" && ce.Name != "FatalError") {
		fmt.Fprintf(stderr, "archlab run: %s: %v\n", path, err)
		if ce != nil {
			for _, l := range ce.Traceback[1:] { // [0] repeats err
				fmt.Fprintf(stderr, "  %s\n", strings.TrimSpace(l))
			}
		}
		return 1
	}
	if ce.Name == "Exit" {
		code := ce.Code & 0xff // as the operating system keeps it: os.Exit(256) is 0, os.Exit(-1) 255
		if code == 0 {
			return 0
		}
		fmt.Fprintf(stderr, "exit status %d\n", code)
		return 1
	}
	if ce.Name == "FatalError" { // all goroutines are asleep, a stack overflow: Go's fatal errors
		if ce.Value == "stack overflow" {
			fmt.Fprintf(stderr, "runtime: goroutine stack exceeds 1000000000-byte limit\n")
		}
		fmt.Fprintf(stderr, "fatal error: %s\n\n", ce.Value)
	} else {
		// The message is as Go prints it: further lines indented with a
		// tab, earlier panics of a chain first.
		msg := strings.TrimSuffix(ce.Value, " (in a goroutine)")
		fmt.Fprintf(stderr, "panic: %s\n\n", msg)
	}
	for _, l := range ce.Traceback[1:] { // [0] repeats err
		fmt.Fprintf(stderr, "  %s\n", strings.TrimSpace(l))
	}
	fmt.Fprintf(stderr, "exit status 2\n")
	return 1
}

// tuneGC sets the collector for a script, unless GOGC or GOMEMLIMIT say
// otherwise, and returns what restores it. An interpreted call allocates
// its frame, so the default target (GOGC=100) spends about a third of a
// call-heavy script's time collecting; GOGC=400 takes 28% off fib(30)
// for 17 MB more. Half the machine's memory bounds the heap that lets
// grow (GOMEMLIMIT), so a script with much live data collects sooner
// rather than running out.
func tuneGC() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	total := physicalMemory()
	if total == 0 {
		return func() {}
	}
	limit := debug.SetMemoryLimit(int64(total / 2))
	percent := debug.SetGCPercent(400)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}

// physicalMemory returns the machine's memory in bytes (Linux's
// /proc/meminfo), or 0 where it cannot tell.
func physicalMemory() uint64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				kb, err := strconv.ParseUint(f[0], 10, 64)
				if err == nil {
					return kb * 1024
				}
			}
		}
	}
	return 0
}
