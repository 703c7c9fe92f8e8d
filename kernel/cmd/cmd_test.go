package cmd

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/archlab/archlab/kernel/executor"
	"github.com/archlab/archlab/kernel/executortest"
	"github.com/archlab/archlab/lib/cli"
)

// archlab runs the command line as main.go wires it: lib/cli's commands
// and this package's.
func archlab(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return cli.Main(args, stdin, stdout, stderr, Commands()...)
}

// TestEveryCommandHasHelp pins that each of this package's subcommands
// answers --help with its usage on stdout and exit status 0.
func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range Commands() {
		t.Run(c.Name, func(t *testing.T) {
			var out, errb strings.Builder
			if code := archlab([]string{c.Name, "--help"}, nil, &out, &errb); code != 0 {
				t.Fatalf("archlab %s --help: exit %d, stderr %q", c.Name, code, errb.String())
			}
			if !strings.HasPrefix(out.String(), "usage: archlab "+c.Name) {
				t.Errorf("archlab %s --help printed %q, want a usage line", c.Name, out.String())
			}
		})
	}
}

// TestLazySessionConformance: the executor "archlab kernel" serves, an
// interpreter started on its own goroutine, meets the executor contract.
func TestLazySessionConformance(t *testing.T) {
	executortest.Run(t, func(t *testing.T) executor.Executor {
		l := &lazySession{ready: make(chan struct{})}
		l.start(slog.New(slog.DiscardHandler))
		t.Cleanup(l.close)
		return l
	}, executortest.Go)
}
