package interp

import (
	"slices"
	"strings"
	"testing"
)

// TestDeadlocked: the watcher's reading of a goroutine dump. Only the
// interpreter's goroutines count, the caller waiting in EvalWithContext
// is not one of them, and a wait inside a compiled function (a child
// process, a network read) or a goroutine that runs or sleeps rules a
// deadlock out.
func TestDeadlocked(t *testing.T) {
	y := interpFrame
	waiter := "goroutine 1 [select]:\n" + y + "(*Interpreter).EvalWithContext(0x1)\n\t/x/interp.go:760 +0x1\nmain.main()\n\t/x/main.go:1 +0x1"
	send := "goroutine 7 [select]:\nreflect.rselect({0x1})\n\t/r.go:1 +0x1\nreflect.Select({0x1})\n\t/r.go:2 +0x1\n" + y + "send.func2(0x1)\n\t/x/run.go:1 +0x1"
	recv := "goroutine 9 [chan receive, 2 minutes]:\n" + y + "recv.func1(0x1)\n\t/x/run.go:1 +0x1"
	wg := "goroutine 8 [sync.WaitGroup.Wait]:\nsync.runtime_SemacquireWaitGroup(0x1)\n\t/s.go:1 +0x1\nsync.(*WaitGroup).Wait(0x1)\n\t/s.go:2 +0x1\nreflect.Value.call({0x1})\n\t/r.go:1 +0x1\n" + y + "call.func9(0x1)\n\t/x/run.go:1 +0x1"
	execWait := "goroutine 10 [chan receive]:\nos/exec.(*Cmd).Wait(0x1)\n\t/e.go:1 +0x1\nreflect.Value.call({0x1})\n\t/r.go:1 +0x1\n" + y + "callBin.func1(0x1)\n\t/x/run.go:1 +0x1"
	running := "goroutine 11 [running]:\n" + y + "runCfg(0x1)\n\t/x/run.go:1 +0x1"
	sleeping := "goroutine 12 [sleep]:\ntime.Sleep(0x1)\n\t/t.go:1 +0x1\n" + y + "callBin.func1(0x1)\n\t/x/run.go:1 +0x1"
	server := "goroutine 13 [IO wait]:\ninternal/poll.runtime_pollWait(0x1)\n\t/p.go:1 +0x1\nnet/http.ListenAndServe({0x1})\n\t/h.go:1 +0x1\ncreated by " + y + "call.func8 in goroutine 7"
	kernel := "goroutine 3 [IO wait]:\ninternal/poll.runtime_pollWait(0x1)\n\t/p.go:1 +0x1\nnet.(*conn).Read(0x1)\n\t/n.go:1 +0x1"
	for _, tc := range []struct {
		name string
		dump []string
		want []string
	}{
		{"send", []string{waiter, send, kernel}, []string{"7 chan send"}},
		{"all blocked", []string{waiter, send, recv, wg}, []string{"7 chan send", "9 chan receive", "8 sync.WaitGroup.Wait"}},
		{"child process", []string{waiter, send, execWait}, nil},
		{"running", []string{waiter, recv, running}, nil},
		{"sleeping", []string{waiter, recv, sleeping}, nil},
		{"nothing interpreted", []string{waiter, kernel}, nil},
		{"go server", []string{waiter, recv, server}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := deadlocked([]byte(strings.Join(tc.dump, "\n\n") + "\n"))
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
