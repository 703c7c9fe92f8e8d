// Package lib holds what notebook cells call, one sub-package per concern:
// arch (architecture sources and their checks), train, data, eval, results,
// plot, and cli (the archlab command line). This package itself is empty.
//
// lib/ never imports kernel/ (the Jupyter kernel and the interpreter build
// on lib/, not the other way round); TestNoKernelImports enforces it over
// every package here and its tests. The subcommands that run the kernel
// live in kernel/cmd, and main.go hands them to cli.Main.
package lib
