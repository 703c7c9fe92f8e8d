package cmd

import "github.com/archlab/archlab/lib/cli"

// Commands returns the subcommands that run the kernel and the interpreter,
// in the order "archlab help" lists them. It is built fresh on every call.
func Commands() []cli.Command {
	return []cli.Command{
		{Name: "kernel", Summary: "run the Jupyter kernel (started by the kernelspec)", Run: cmdKernel},
		{Name: "install", Summary: "install the Jupyter kernelspec \"Go (archlab)\"", Run: cmdInstall},
		{Name: "run", Summary: "execute a notebook or Go script headless", Run: cmdRun},
	}
}
