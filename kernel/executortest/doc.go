// Package executortest is the conformance suite every
// [executor.Executor] must pass: streams reach the sink, displays and
// their updates keep their display id, the last expression is the cell's
// value, failures are *executor.CellError with name, value and traceback,
// an interrupt (a cancelled context) stops a running cell with
// "Interrupted" and leaves the executor usable, state persists between
// cells, and completion, inspection and is_complete never run code.
//
//	func TestConformance(t *testing.T) {
//		executortest.Run(t, func(t *testing.T) executor.Executor {
//			s, err := interp.New(interp.Options{})
//			if err != nil {
//				t.Fatal(err)
//			}
//			t.Cleanup(func() { s.Close() })
//			return s
//		}, executortest.Go)
//	}
//
// The suite is written against no language: [Cells] hold the code it runs
// and say what each snippet must do; [Go] is the set for Go cells. The
// interpreter session (kernel/interp) passes it here, the kernel's lazily
// started session in kernel/cmd, and the kernel's protocol-test fake in
// package kernel with cells of its own. [Recorder] is the Sink the suite
// records with, for other tests to use too.
package executortest
