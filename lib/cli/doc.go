// Package cli implements the archlab command line: one function per
// subcommand, dispatched by [Main]. Each subcommand lives in its own file
// (cmd_NAME.go) and parses its own flags with a [flag.FlagSet] from
// [NewFlags], so that "archlab NAME --help" prints that command's usage.
//
//	code := cli.Main([]string{"doctor"}, os.Stdin, os.Stdout, os.Stderr)
//
// This package never imports kernel/ (lib's TestNoKernelImports). The
// subcommands that run the kernel and the interpreter (kernel, install,
// run) live in kernel/cmd; main.go passes them to Main as extra [Command]s,
// which "archlab help" lists first:
//
//	code := cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, cmd.Commands()...)
//
// Exit codes: 0 success, 1 the command ran and failed, 2 bad usage, 130
// an interrupted search (run the same command to resume). `archlab worker`
// has its own protocol (lib/exec: 3 compile, 4 check, 5 non-finite loss, 6
// cancelled, 64 a bad job).
package cli
