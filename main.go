// Command archlab is a Go notebook kernel and scripting environment for
// automated neural-architecture discovery. Run "archlab help" for the
// subcommands; the README has the quick start.
package main

import (
	"os"

	"github.com/archlab/archlab/lib/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
