// Package nb is what notebook cells call to talk to the frontend: the
// running cell's context, input, rich displays and progress bars.
//
//	ctx := nb.Context()                     // cancelled on interrupt
//	name, _ := nb.Input("your name: ")       // input_request
//	h := nb.Display(nb.Markdown("**start**")) // display_data
//	h.Update(nb.Markdown("**done**"))         // update_display_data
//	p := nb.NewProgress("steps", 100)        // live bar; p.Func() for callbacks
//
// Outside a running cell (a plain Go program) every function is a no-op or
// returns ErrNoCell, so libraries may call nb safely.
package nb
