package cli

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

func runMain(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// runCLI is runMain under the name the search, results and bench tests use.
func runCLI(args ...string) (code int, stdout, stderr string) { return runMain(args...) }

func TestMainDispatch(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{"no args", nil, 2, "", "usage: archlab COMMAND"},
		{"unknown command", []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"help", []string{"help"}, 0, "doctor", ""},
		{"--help", []string{"--help"}, 0, "usage: archlab COMMAND", ""},
		{"help for a command", []string{"help", "version"}, 0, "usage: archlab version", ""},
		{"version", []string{"version"}, 0, "archlab " + Version, ""},
		{"--version", []string{"--version"}, 0, "archlab " + Version, ""},
		{"version extra arg", []string{"version", "x"}, 2, "", "unexpected argument"},
		{"unknown flag", []string{"version", "--bogus"}, 2, "", "flag provided but not defined: -bogus"},
		{"doctor --help", []string{"doctor", "--help"}, 0, "usage: archlab doctor", ""},
		{"doctor bad flag", []string{"doctor", "--nope"}, 2, "", "usage: archlab doctor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runMain(tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errs)
			}
			if !strings.Contains(out, tt.wantStdout) {
				t.Errorf("stdout %q does not contain %q", out, tt.wantStdout)
			}
			if !strings.Contains(errs, tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", errs, tt.wantStderr)
			}
		})
	}
}

// TestEveryCommandHasHelp pins that each subcommand answers --help with its
// usage on stdout and exit status 0, whether or not its issue has landed.
func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range commands(nil) {
		t.Run(c.Name, func(t *testing.T) {
			code, out, errs := runMain(c.Name, "--help")
			if code != 0 {
				t.Fatalf("archlab %s --help: exit %d, stderr %q", c.Name, code, errs)
			}
			if !strings.Contains(out, "usage: archlab "+c.Name) {
				t.Errorf("archlab %s --help printed %q, want a usage line", c.Name, out)
			}
		})
	}
}

// TestExtraCommands pins how main.go adds the kernel's commands: they are
// dispatched, listed first in help in their order, reachable through
// "help NAME", and a name taken twice panics.
func TestExtraCommands(t *testing.T) {
	hello := Command{"hello", "say hello", func(env *Env) int {
		fs := NewFlags(env, "hello", "[NAME]", "Say hello.")
		if code, done := ParseFlags(env, fs); done {
			return code
		}
		fmt.Fprintln(env.Stdout, "hello", fs.Arg(0))
		return 0
	}}
	var out, errb bytes.Buffer
	if code := Main([]string{"hello", "you"}, nil, &out, &errb, hello); code != 0 || out.String() != "hello you\n" {
		t.Errorf("hello you: exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
	out.Reset()
	if code := Main([]string{"help"}, nil, &out, &errb, hello); code != 0 ||
		!strings.Contains(out.String(), "commands:\n  hello      say hello\n  train ") {
		t.Errorf("help: exit %d, stdout %q", code, out.String())
	}
	out.Reset()
	if code := Main([]string{"help", "hello"}, nil, &out, &errb, hello); code != 0 || !strings.HasPrefix(out.String(), "usage: archlab hello [NAME]") {
		t.Errorf("help hello: exit %d, stdout %q", code, out.String())
	}
	if code := Main([]string{"hello"}, nil, &out, &errb); code != 2 {
		t.Errorf("without the extra command: exit %d, want 2 (unknown command)", code)
	}
	defer func() {
		if r := recover(); r != `cli: two commands named "version"` {
			t.Errorf("a second \"version\": recovered %v, want the duplicate-name panic", r)
		}
	}()
	Main([]string{"version"}, nil, &out, &errb, Command{Name: "version"})
}
