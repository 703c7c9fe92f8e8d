//go:build race

package interp_test

// raceEnabled: the race detector multiplies memory and time, which the
// deepest tests skip.
const raceEnabled = true
