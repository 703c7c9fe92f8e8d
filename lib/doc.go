// Package lib holds what notebook cells call, one sub-package per concern:
// arch (architecture sources and their checks), train, data, eval, results,
// plot, and cli (the archlab command line). This package itself is empty.
package lib
