// Package kernel is archlab's Jupyter kernel: the messaging protocol over
// ZeroMQ, request dispatch, Go cells on the yaegi interpreter, rich display,
// completion, inspection, interrupts, and the headless notebook runner.
package kernel
