package runner

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"strings"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/interp"
)

// RunScript runs a Go script: a file with or without a package clause.
// A main function is called after the file's declarations; without one
// the file runs top to bottom like one cell.
// Output goes to stdout and stderr; displays print their text/plain form.
func RunScript(ctx context.Context, src string, stdout, stderr io.Writer) error {
	return RunScriptArgs(ctx, src, nil, stdout, stderr)
}

// RunScriptArgs is RunScript with the program's command line: args is its
// os.Args (its name, then its arguments), which flag.Parse reads; nil
// keeps the process's.
func RunScriptArgs(ctx context.Context, src string, args []string, stdout, stderr io.Writer) error {
	s, err := interp.New(interp.Options{Args: args})
	if err != nil {
		return fmt.Errorf("runner: %w", err)
	}
	defer s.Close()
	sink := &textSink{out: stdout, err: stderr}
	// With a package clause the session runs the program's main itself.
	// Without one, a main is called in the same cell, so that a panic in
	// it names the script's lines rather than "an earlier cell".
	call := ""
	if _, err := parser.ParseFile(token.NewFileSet(), "", src, parser.PackageClauseOnly); err != nil && hasMain(src) {
		src += "\nmain()"
		// The call is not the script's: no traceback line for it.
		call = fmt.Sprintf("  at line %d:1", strings.Count(src, "\n")+1)
	}
	_, err = s.Execute(ctx, src, sink)
	var ce *interp.CellError
	if call != "" && errors.As(err, &ce) {
		tb := ce.Traceback[:0:0]
		for _, l := range ce.Traceback {
			if l != call {
				tb = append(tb, l)
			}
		}
		ce.Traceback = tb
	}
	return err
}

// hasMain reports whether a script without a package clause declares main.
func hasMain(src string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), "", "package main\n"+src, parser.SkipObjectResolution)
	if err != nil {
		return false
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "main" {
			return true
		}
	}
	return false
}

type textSink struct{ out, err io.Writer }

func (t *textSink) Stream(name, text string) {
	if name == "stderr" {
		io.WriteString(t.err, text)
		return
	}
	io.WriteString(t.out, text)
}

func (t *textSink) Display(b display.Bundle, id string, update bool) {
	if s, ok := b.Data[display.MIMEText].(string); ok {
		fmt.Fprintln(t.out, s)
	}
}

func (t *textSink) Clear(bool) {}

func (t *textSink) Input(string, bool) (string, error) { return "", ErrNoInput }
