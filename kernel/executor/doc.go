// Package executor is the seam between archlab's Jupyter kernel and what
// runs its cells: the [Executor] interface, the [Sink] a running cell
// writes to and the [CellError] a failed cell returns. It declares them
// once, for both sides: package kernel (the protocol) calls an Executor,
// and kernel/interp's *Session is one, with no adapter in between.
//
//	var ex executor.Executor = session // an *interp.Session
//	v, err := ex.Execute(ctx, `fmt.Println("hi"); 1 + 2`, sink)
//	// sink got Stream("stdout", "hi\n"); v.Data["text/plain"] == "3"
//	var ce *executor.CellError
//	if errors.As(err, &ce) { ... } // ce.Name, ce.Value, ce.Traceback
//
// Every Executor must pass kernel/executortest, the conformance suite:
// streams, displays and their updates, the last value, errors, interrupts,
// state between cells, and editor requests that never run code.
package executor
