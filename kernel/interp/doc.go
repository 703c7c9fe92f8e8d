// Package interp runs Go notebook cells on the yaegi interpreter.
//
//	s, err := interp.New(interp.Options{})
//	v, err := s.Execute(ctx, `fmt.Println("hi")
//	x := 40
//	x + 2`, sink)
//	// sink.Stream("stdout", "hi\n"); v.Data["text/plain"] == "42"
//
// A Session keeps one interpreter for its whole life, so a trivial cell
// costs well under a millisecond.
package interp
