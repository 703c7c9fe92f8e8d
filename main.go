// Command archlab is a Go notebook kernel and scripting environment for
// automated neural-architecture discovery. Run "archlab help" for the
// subcommands; the README has the quick start.
//
// This is the composition root: lib/cli holds the subcommands over lib/
// (train, search, results, ...), kernel/cmd those that run the kernel and
// the interpreter (kernel, install, run). lib/ never imports kernel/, so
// this package is where the two sets meet.
package main

import (
	"io"
	"os"

	"github.com/archlab/archlab/kernel/cmd"
	"github.com/archlab/archlab/lib/cli"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is archlab with args (without the program name): every subcommand,
// the kernel's listed first.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return cli.Main(args, stdin, stdout, stderr, cmd.Commands()...)
}
