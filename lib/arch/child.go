package arch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// StageCrash is the stage of the Error of a report whose checking process
// died (a fatal error of the Go runtime, a signal, the time limit).
const StageCrash = "crash"

// ChildTimeLimit bounds one CheckInChild run when ctx has no earlier
// deadline.
const ChildTimeLimit = 10 * time.Minute

// CheckInChild checks src in a child process, `bin arch check --json FILE`
// (bin is the archlab binary, e.g. os.Executable()), so that nothing the
// source does can take the caller down, and returns the child's report
// with Arch set to name. A child that crashes, or runs past ctx's deadline
// or ChildTimeLimit, gives a report whose compiles verdict explains it
// (exit status, the last lines of its stderr) with an Error of stage
// "crash". The error is for the caller's side only: the source file could
// not be written or bin could not be started.
func CheckInChild(ctx context.Context, bin string, name, src string) (*Report, error) {
	f, err := os.CreateTemp("", "archlab-layer-*.go")
	if err != nil {
		return nil, fmt.Errorf("arch: check in child: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(src); err != nil {
		f.Close()
		return nil, fmt.Errorf("arch: check in child: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("arch: check in child: %w", err)
	}

	ctx, cancel := context.WithTimeout(ctx, ChildTimeLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "arch", "check", "--json", f.Name())
	var stdout bytes.Buffer
	var stderr tailBuffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	runErr := cmd.Run()
	var exit *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exit) {
		return nil, fmt.Errorf("arch: check in child: %s: %w", bin, runErr)
	}
	code := cmd.ProcessState.ExitCode()
	if ctx.Err() == nil && (code == 0 || code == 1) {
		var rep Report
		if err := json.Unmarshal(stdout.Bytes(), &rep); err == nil && len(rep.Checks) > 0 {
			rep.Arch = name
			return &rep, nil
		}
	}
	why := fmt.Sprintf("the checking process failed (%s)", cmd.ProcessState)
	if ctx.Err() != nil {
		why = fmt.Sprintf("the checking process was stopped (%v): it ran past its time limit", context.Cause(ctx))
	} else if code == 0 || code == 1 {
		why = fmt.Sprintf("the checking process exited %d without a report", code)
	}
	probs := []Problem{{Msg: why}}
	if tail := stderr.lastLines(8); tail != "" {
		probs = append(probs, Problem{Msg: "stderr: " + tail})
	}
	return failedReport(name, &Error{Stage: StageCrash, Problems: probs}), nil
}

// tailBuffer keeps the last 16 KiB written to it.
type tailBuffer struct{ b []byte }

func (w *tailBuffer) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	if over := len(w.b) - 16<<10; over > 0 {
		w.b = append(w.b[:0], w.b[over:]...)
	}
	return len(p), nil
}

// lastLines returns the last n non-empty lines, joined by " | ".
func (w *tailBuffer) lastLines(n int) string {
	var lines []string
	for _, l := range strings.Split(string(w.b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
