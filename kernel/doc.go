// Package kernel is archlab's Jupyter kernel: the messaging protocol (5.3)
// over ZeroMQ and the dispatch of requests to an [executor.Executor] that
// runs Go cells (an *interp.Session, started by kernel/cmd).
//
//	info, err := wire.ReadConnectionFile(path) // what Jupyter passes
//	if err != nil { ... }
//	k, err := kernel.New(kernel.Config{Conn: info, Executor: session, Logger: log, Signals: true})
//	if err != nil { ... }
//	restart, err := k.Run(ctx) // until shutdown_request
//
// The kernel publishes busy and idle around every request, and for a cell
// follows the spec's order: busy, execute_input, streams and displays,
// execute_result or error, execute_reply, idle. Shell requests run one at a
// time; control (interrupt, shutdown, kernel_info) is served on its own
// goroutine, so an interrupt reaches a running cell by cancelling the
// context its Execute received; SIGINT does the same when Config.Signals is
// set. The heartbeat echoes on its own goroutine. Badly signed, replayed and
// malformed messages are dropped and logged; unknown requests get an error
// reply. A panic in the executor becomes the cell's error.
//
// The sub-packages are the layers: wire (frames, signatures, sockets),
// executor (the seam: Executor, Sink, CellError, declared once),
// executortest (the conformance suite every Executor passes), interp (the
// yaegi session that runs cells), display (MIME bundles), nb (what cells
// call), symbols (the interpreter's symbol tables), runner (headless
// notebooks), cmd (the subcommands that run all this: kernel, install,
// run); jupytertest holds the tests that drive the real binary through
// Jupyter's own clients.
package kernel
