// Package cmd holds the archlab subcommands that run the Jupyter kernel and
// the interpreter: "kernel" (the kernel process a kernelspec starts),
// "install" (that kernelspec) and "run" (notebooks and Go scripts
// headless). They live beside the kernel because lib/, where the other
// subcommands live (lib/cli), never imports kernel/; main.go, the
// composition root, hands them to [cli.Main]:
//
//	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, cmd.Commands()...))
//
// Each command is one file (cmd_NAME.go) and parses its flags with
// [cli.NewFlags], so "archlab NAME --help" reads as every other command's.
// The kernel's executor is an *interp.Session created on its own goroutine
// while the kernel already answers kernel_info; it passes
// kernel/executortest like the session itself.
package cmd
