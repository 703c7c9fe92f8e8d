//go:build unix

package exec

import (
	"context"
	"flag"
	"fmt"
	"os"
	osexec "os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as a fake worker: the executor under test starts
// `TESTBIN fake-worker worker --dir D --exp ID --threads T`, and TestMain
// acts out the behaviour named in the job's spec.arch instead of testing.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "fake-worker":
			os.Exit(fakeWorker(os.Args[2:]))
		case "fake-grandchild":
			time.Sleep(time.Hour)
			os.Exit(0)
		}
	}
	os.Exit(m.Run())
}

func fakeWorker(args []string) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	dir := fs.String("dir", "", "")
	id := fs.Int64("exp", 0, "")
	threads := fs.Int("threads", 0, "")
	if len(args) == 0 || args[0] != "worker" || fs.Parse(args[1:]) != nil {
		fmt.Fprintln(os.Stderr, "fake worker: bad arguments", args)
		return ExitUsage
	}
	j, err := ReadJob(*dir, *id)
	if err != nil {
		fmt.Fprintln(os.Stderr, "archlab worker:", err)
		return ExitUsage
	}
	ed := ExpDir(*dir, *id)
	fmt.Fprintf(os.Stderr, "fake worker %s: threads=%d openblas=%s gomaxprocs=%s\n", j.Spec.Arch, *threads, os.Getenv("OPENBLAS_NUM_THREADS"), os.Getenv("GOMAXPROCS"))
	switch j.Spec.Arch {
	case "ok":
		WriteJSON(filepath.Join(ed, ResultFileName), map[string]string{"status": "ok"})
		fmt.Fprintln(os.Stderr, "fake: done")
		return 0
	case "panic":
		panic("boom at step 3")
	case "hang":
		time.Sleep(time.Hour)
	case "term": // stops on SIGTERM like the real worker
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
		defer stop()
		fmt.Fprintln(os.Stderr, "fake: waiting")
		<-ctx.Done()
		fmt.Fprintln(os.Stderr, "fake: stopping")
		return ExitCancelled
	case "ignore-term":
		signal.Ignore(syscall.SIGTERM)
		fmt.Fprintln(os.Stderr, "fake: waiting")
		time.Sleep(time.Hour)
	case "memory":
		var keep [][]byte
		for {
			b := make([]byte, 16<<20)
			for i := 0; i < len(b); i += 4096 {
				b[i] = 1
			}
			keep = append(keep, b)
			time.Sleep(5 * time.Millisecond)
		}
	case "nonfinite":
		WriteJSON(filepath.Join(ed, ResultFileName), map[string]string{"status": "failed", "error": "train: step 3: loss is NaN"})
		return ExitNonFinite
	case "compile":
		WriteJSON(filepath.Join(ed, CheckFileName), map[string]any{"ok": false, "checks": []map[string]any{
			{"name": "compiles", "ok": false, "reason": "arch: static: 3:1: expected declaration"},
			{"name": "shape", "ok": false, "reason": "skipped: the source does not build"}}})
		return ExitCompile
	case "check":
		WriteJSON(filepath.Join(ed, CheckFileName), map[string]any{"ok": false, "checks": []map[string]any{
			{"name": "compiles", "ok": true, "reason": "parsed"},
			{"name": "causality", "ok": false, "reason": "the output at position 3 changed"}}})
		return ExitCheck
	case "check-nofile": // says a check failed but writes no report
		return ExitCheck
	case "segv": // a true death by SIGSEGV (Go itself would exit 2)
		err := syscall.Exec("/bin/sh", []string{"sh", "-c", "kill -SEGV $$"}, os.Environ())
		fmt.Fprintln(os.Stderr, "fake: exec sh:", err)
		return 1
	case "grandchild": // leaves a process behind and exits
		c := osexec.Command(os.Args[0], "fake-grandchild")
		if err := c.Start(); err != nil {
			fmt.Fprintln(os.Stderr, "fake:", err)
			return 1
		}
		os.WriteFile(filepath.Join(ed, "grandchild.pid"), []byte(strconv.Itoa(c.Process.Pid)), 0o644)
		return 0
	case "usage":
		fmt.Fprintln(os.Stderr, "archlab worker: exp/1/layer.go: no such file")
		return ExitUsage
	case "partial": // dies in the middle of a line
		fmt.Fprint(os.Stderr, "half a line")
		return 7
	case "exit7":
		fmt.Fprintln(os.Stderr, "something odd")
		return 7
	case "sleep": // records when it ran, for the concurrency test
		t0 := time.Now()
		time.Sleep(600 * time.Millisecond) // long enough to overlap on a loaded machine
		os.WriteFile(filepath.Join(ed, "span"), fmt.Appendf(nil, "%d %d", t0.UnixNano(), time.Now().UnixNano()), 0o644)
		return 0
	}
	fmt.Fprintln(os.Stderr, "fake worker: unknown behaviour", j.Spec.Arch)
	return 1
}
