package interp

import (
	"context"
	"os"
	"runtime/debug"
	"strconv"
	"sync"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/interp/internal/yaegi/interp"
)

// Options configures a Session. The zero value is ready to use.
type Options struct {
	// MaxOutput bounds the bytes of stdout plus stderr forwarded to the
	// Sink per cell; the rest is dropped and a notice is streamed at the
	// end. Zero means DefaultMaxOutput.
	MaxOutput int
	// Args, when not nil, is the program's os.Args (its name, then its
	// arguments), which the flag package's functions parse: archlab run
	// prog.go a b gives [prog.go a b]. Nil keeps the process's.
	Args []string
}

// DefaultMaxOutput is the per-cell output bound when Options.MaxOutput is 0.
const DefaultMaxOutput = 4 << 20

var (
	logOnce sync.Once
	logFile *os.File
	outOnce sync.Once
	outFile *os.File

	crashOnce sync.Once
)

// OriginalStdout returns a duplicate of the process's original stdout
// (fd 1), for programs such as `archlab run` whose Sink prints to the
// terminal: writing to os.Stdout from a Sink would feed the cell's own
// capture. New calls it.
func OriginalStdout() *os.File {
	outOnce.Do(func() { outFile = dupFD(1, "/dev/stdout (original)", os.Stdout) })
	return outFile
}

// LogOutput returns a duplicate of the process's original stderr (fd 2),
// taken before any cell redirects fd 2. Kernel logs must go there: while a
// cell runs, fds 1 and 2 point at pipes that feed the cell's output.
// The first call should happen before the first Execute; New calls it.
func LogOutput() *os.File {
	logOnce.Do(func() { logFile = dupFD(2, "/dev/stderr (kernel log)", os.Stderr) })
	return logFile
}

// Session is one interpreter state: the globals, types, functions and
// imports that cells define live here from one Execute to the next.
// Methods are safe to call from several goroutines; Execute calls run one at
// a time (process-wide, since output capture redirects the process's fds).
// Complete, Inspect and IsComplete never run user code and may be called
// while a cell executes.
//
//	s, _ := interp.New(interp.Options{})
//	v, err := s.Execute(ctx, `fmt.Println("hi"); 1 + 2`, sink)
//	// sink got Stream("stdout", "hi\n"); v.Data["text/plain"] == "3"
type Session struct {
	impl *session
}

// maxStack is the goroutine stack limit sessions set: room for
// interp.MaxCallDepth interpreted calls at two kilobytes each.
const maxStack = 2 * 1024 * interp.MaxCallDepth

// New returns a Session with the standard library and the packages in
// kernel/symbols available (imported automatically on first use).
func New(opts Options) (*Session, error) {
	LogOutput()
	OriginalStdout()
	// While a cell runs fd 2 is a pipe, so a crash that ends the process
	// (a panic on a goroutine compiled code started) would print nowhere;
	// the runtime also writes it to the original stderr.
	crashOnce.Do(func() {
		_ = debug.SetCrashOutput(LogOutput(), debug.CrashOptions{})
		// An interpreted call takes several hundred bytes of Go stack (up
		// to about two kilobytes), so interp.MaxCallDepth calls need more
		// than Go's default limit of 1 GB.
		if strconv.IntSize == 64 {
			debug.SetMaxStack(max(debug.SetMaxStack(1<<30), maxStack))
		}
	})
	s, err := newSession(opts)
	if err != nil {
		return nil, err
	}
	return &Session{impl: s}, nil
}

// Execute runs one cell. Output (prints from interpreted and compiled code,
// at the file-descriptor level), displays, clears and input requests go to
// sink while the cell runs. It returns the value of the cell's last
// expression as a bundle (nil when the cell ends in a statement or the
// value is a nil/void result), or an error: *CellError for anything the
// cell did wrong (syntax, compile, panic, os.Exit, interrupt).
// Cancelling ctx interrupts the cell (Name "Interrupted"): interpreted
// loops stop, and compiled calls that take nb.Context() return; the
// Session stays usable.
func (s *Session) Execute(ctx context.Context, code string, sink Sink) (*display.Bundle, error) {
	return s.impl.execute(ctx, code, sink)
}

// Complete returns completion candidates for the identifier or selector
// ending at cursor (a byte offset in code), and the byte range [start,end)
// of code that a chosen match replaces. It never runs user code.
func (s *Session) Complete(code string, cursor int) (matches []string, start, end int) {
	return s.impl.complete(code, cursor)
}

// Inspect describes the identifier at cursor: its signature or type and
// its doc comment where known. detail 0 is brief, 1 adds more (source of
// cell-defined functions). ok is false when nothing is found.
func (s *Session) Inspect(code string, cursor, detail int) (b display.Bundle, ok bool) {
	return s.impl.inspect(code, cursor, detail)
}

// IsComplete reports whether code is ready to run: status is "complete",
// "incomplete" (unclosed braces, parentheses or strings: more text could
// finish it; indent is the suggested indent for the next line) or
// "invalid" (a syntax error that more text cannot fix).
func (s *Session) IsComplete(code string) (status, indent string) {
	return isComplete(code)
}

// Close releases the interpreter. The Session must not be used afterwards.
func (s *Session) Close() error { return s.impl.close() }
