//go:build unix

package exec

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"syscall"
)

// tailWindow is how much of the end of an attempt's log is read for its
// tail and its crash line: a Go panic's message sits above a stack trace of
// a few kilobytes.
const tailWindow = 256 << 10

// crashLine matches the first line the Go runtime prints when a program
// dies: a panic, a fatal error, or a fault signal.
var crashLine = regexp.MustCompile(`^(panic: |fatal error: |SIG[A-Z]+: )`)

// ReadAttemptLog returns the last n lines of the worker log at path from
// byte offset from on (where this attempt's header starts), and the first
// crash line there phrased for an Outcome ("panicked: boom"), or "".
func ReadAttemptLog(path string, from int64, n int) (tail, crash string) {
	return readAttemptLog(path, from, n)
}

// SignalName returns the conventional name of sig, e.g. "SIGSEGV".
func SignalName(sig syscall.Signal) string { return signalName(sig) }

// FormatBytes writes n bytes for a person ("2.3 GiB"); 0 is "none".
func FormatBytes(n int64) string { return formatBytes(n) }

// readAttemptLog returns the last n lines of the log at path from byte
// offset from on, and the first crash line there phrased for an Outcome
// ("panicked: boom", "crashed: fatal error: ..."), or "".
func readAttemptLog(path string, from int64, n int) (tail, crash string) {
	f, err := os.Open(path)
	if err != nil {
		return "", ""
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", ""
	}
	start := max(from, st.Size()-tailWindow)
	b, err := io.ReadAll(io.NewSectionReader(f, start, st.Size()-start))
	if err != nil {
		return "", ""
	}
	if start > from { // cut the partial first line
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	for _, ln := range lines {
		if m := crashLine.FindString(ln); m != "" {
			if m == "panic: " {
				crash = "panicked: " + strings.TrimPrefix(ln, m)
			} else {
				crash = "crashed: " + ln
			}
			break
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n"), crash
}

// lastLine returns the last line of a log tail that the worker wrote (not
// the executor's attempt header).
func lastLine(tail string) string {
	tail = strings.TrimRight(tail, "\n")
	ln := tail[strings.LastIndexByte(tail, '\n')+1:]
	if ln == "" || strings.HasPrefix(ln, "=== ") {
		return "no output"
	}
	return ln
}

// signalName returns the conventional name of sig, e.g. "SIGSEGV".
func signalName(sig syscall.Signal) string {
	names := map[syscall.Signal]string{
		syscall.SIGHUP: "SIGHUP", syscall.SIGINT: "SIGINT", syscall.SIGQUIT: "SIGQUIT", syscall.SIGILL: "SIGILL",
		syscall.SIGTRAP: "SIGTRAP", syscall.SIGABRT: "SIGABRT", syscall.SIGBUS: "SIGBUS", syscall.SIGFPE: "SIGFPE",
		syscall.SIGKILL: "SIGKILL", syscall.SIGSEGV: "SIGSEGV", syscall.SIGPIPE: "SIGPIPE", syscall.SIGALRM: "SIGALRM",
		syscall.SIGTERM: "SIGTERM", syscall.SIGXCPU: "SIGXCPU", syscall.SIGXFSZ: "SIGXFSZ",
	}
	if s, ok := names[sig]; ok {
		return s
	}
	return "signal " + strconv.Itoa(int(sig))
}

// formatBytes writes n bytes for a person: "2 GiB", "2.3 GiB", "512 MiB".
// 0 is "none" (no limit).
func formatBytes(n int64) string {
	if n <= 0 {
		return "none"
	}
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	return fmt.Sprintf("%s %s", s, units[u])
}
