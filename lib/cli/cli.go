package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Env is what a subcommand may touch: its arguments and the three streams.
type Env struct {
	Args   []string // arguments after the subcommand name
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Command is one archlab subcommand.
type Command struct {
	Name    string
	Summary string // one line for "archlab help"
	Run     func(env *Env) int
}

// commands returns the subcommand table: extra first, in their order, then
// lib's own. It is built fresh on every call so tests never share state.
// Two commands with one name are a programmer's error.
func commands(extra []Command) []Command {
	all := append(slices.Clip(extra),
		Command{"train", "train one architecture and write its metrics", cmdTrain},
		Command{"arch", "check architecture sources (arch check FILE.go)", cmdArch},
		Command{"search", "run the architecture-search loop", cmdSearch},
		Command{"worker", "run one experiment in its own process (used by executors)", cmdWorker},
		Command{"results", "list and export stored results", cmdResults},
		Command{"reproduce", "reproduce published figures (reproduce asi-arch)", cmdReproduce},
		Command{"bench", "run benchmarks (bench train, bench kernel, ...)", cmdBench},
		Command{"doctor", "check this machine's set-up, one line per dependency", cmdDoctor},
		Command{"version", "print the archlab version", cmdVersion},
	)
	seen := make(map[string]bool, len(all))
	for _, c := range all {
		if seen[c.Name] {
			panic("cli: two commands named " + strconv.Quote(c.Name))
		}
		seen[c.Name] = true
	}
	return all
}

// Main runs archlab with args (without the program name) and returns the
// process exit code. extra adds subcommands from outside lib/, which never
// imports kernel/: main.go passes kernel/cmd's (kernel, install, run), and
// "archlab help" lists them first, in the order given.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, extra ...Command) int {
	if len(args) == 0 {
		usage(stderr, extra)
		return 2
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return Main([]string{args[1], "--help"}, stdin, stdout, stderr, extra...)
		}
		usage(stdout, extra)
		return 0
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands(extra) {
		if c.Name == name {
			return c.Run(&Env{Args: args[1:], Stdin: stdin, Stdout: stdout, Stderr: stderr})
		}
	}
	fmt.Fprintf(stderr, "archlab: unknown command %q\n\n", name)
	usage(stderr, extra)
	return 2
}

func usage(w io.Writer, extra []Command) {
	fmt.Fprintln(w, "usage: archlab COMMAND [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands(extra) {
		fmt.Fprintf(w, "  %-10s %s\n", c.Name, c.Summary)
	}
	fmt.Fprintln(w, "\nRun \"archlab COMMAND --help\" for a command's flags.")
}

// NewFlags returns a FlagSet for the subcommand "archlab name" whose usage
// text (synopsis, then about, then the flags) goes to env.Stderr, or to
// env.Stdout for an explicit --help. Subcommands outside this package
// (kernel/cmd) use it so that every command's usage reads alike.
//
//	fs := cli.NewFlags(env, "kernel", "CONNECTION_FILE", "Run the Jupyter kernel ...")
//	level := fs.String("log", "info", "log level")
//	if code, done := cli.ParseFlags(env, fs); done {
//		return code
//	}
func NewFlags(env *Env, name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet("archlab "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "usage: archlab %s %s\n", name, synopsis)
		if about != "" {
			fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(about))
		}
		var n int
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(w, "\nflags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// ParseFlags parses env.Args into fs. It returns (code, true) when the
// command should exit now: 0 after --help (usage on stdout), 2 after a bad
// flag (usage on stderr).
func ParseFlags(env *Env, fs *flag.FlagSet) (int, bool) {
	for _, a := range env.Args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(env.Stdout)
			fs.Usage()
			return 0, true
		}
	}
	if err := fs.Parse(env.Args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, true
		}
		return 2, true
	}
	return 0, false
}

// newFlags and parseFlags are the short names this package's commands use.
func newFlags(env *Env, name, synopsis, about string) *flag.FlagSet {
	return NewFlags(env, name, synopsis, about)
}

func parseFlags(env *Env, fs *flag.FlagSet) (int, bool) { return ParseFlags(env, fs) }

// notYet is the body of a subcommand whose issue has not landed: usage on
// --help, otherwise a one-line message and exit status 2.
func notYet(env *Env, name, synopsis, what string) int {
	fs := newFlags(env, name, synopsis, what+"\n\nThis command has not landed yet.")
	if code, done := parseFlags(env, fs); done {
		return code
	}
	fmt.Fprintf(env.Stderr, "archlab %s: not implemented yet (%s)\n", name, what)
	return 2
}
