package runner_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/archlab/archlab/kernel/runner"
	"github.com/archlab/archlab/lib/cli"
)

func outputsText(c runner.Cell) string {
	var b strings.Builder
	outs, _ := c["outputs"].([]any)
	for _, o := range outs {
		m := o.(map[string]any)
		b.WriteString(m["output_type"].(string) + ":")
		if t, ok := m["text"].([]any); ok {
			for _, l := range t {
				b.WriteString(l.(string))
			}
		}
		if d, ok := m["data"].(map[string]any); ok {
			for _, l := range d["text/plain"].([]any) {
				b.WriteString(l.(string))
			}
		}
		if e, ok := m["ename"].(string); ok {
			b.WriteString(e + ": " + m["evalue"].(string))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestRunParams(t *testing.T) {
	nb, err := runner.Read("testdata/params.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	err = runner.Run(context.Background(), nb, runner.Options{Params: []string{"steps=7", "name=it's", "rate=1e-3", "verbose=true", "limit=9"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 5 || !nb.Cells[2].HasTag("injected-parameters") {
		t.Fatalf("injected cell missing: %d cells", len(nb.Cells))
	}
	for i, want := range map[int]string{
		3: "stream:it's 7 0.00 true 9\n\n",
		4: "display_data:v2\nexecute_result:14\n",
	} {
		if got := outputsText(nb.Cells[i]); got != want {
			t.Errorf("cell %d outputs:\n-want %q\n+got  %q", i, want, got)
		}
	}
	if nb.Cells[4]["execution_count"] != 4 {
		t.Errorf("execution_count %v", nb.Cells[4]["execution_count"])
	}
	b, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := runner.Parse(b); err != nil {
		t.Fatal(err)
	}
}

func TestParamErrors(t *testing.T) {
	for _, tc := range []struct{ param, want string }{
		{"nosuch=1", "declares no nosuch"},
		{"steps=ten", "not an integer"},
		{"rate=fast", "not a number"},
		{"verbose=maybe", "not a boolean"},
		{"steps", "want name=value"},
	} {
		nb, err := runner.Read("testdata/params.ipynb")
		if err != nil {
			t.Fatal(err)
		}
		err = runner.InjectParams(nb, []string{tc.param})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.param, err, tc.want)
		}
	}
}

func TestRunNamesFailingCell(t *testing.T) {
	nb, err := runner.Read("testdata/fail.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	err = runner.Run(context.Background(), nb, runner.Options{})
	var cf *runner.CellFailure
	if !errors.As(err, &cf) {
		t.Fatalf("error %v, want a CellFailure", err)
	}
	if cf.Index != 2 || cf.Count != 2 || cf.Line != "x := 1" || cf.Err.Name != "Panic" {
		t.Errorf("failure %+v", cf)
	}
	if got := outputsText(nb.Cells[2]); got != "error:Panic: second cell fails\n" {
		t.Errorf("failing cell outputs %q", got)
	}
	if got := outputsText(nb.Cells[3]); got != "" {
		t.Errorf("cell after the failure ran: %q", got)
	}
}

// TestMain lets the test binary stand in for archlab: the quickstart's
// search starts it as `archlab worker` (os.Executable, as in the kernel).
func TestMain(m *testing.M) {
	if os.Getenv("ARCHLAB_TEST_AS_ARCHLAB") == "1" {
		os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestQuickstart runs notebooks/quickstart.ipynb end to end: a search of
// three experiments at the test stage, its dataframes and figures.
func TestQuickstart(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a search with worker processes")
	}
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1") // read by the workers, which are this binary
	nb, err := runner.Read("../../notebooks/quickstart.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := runner.Run(context.Background(), nb, runner.Options{Params: []string{"experiments=3", "runDir=" + dir}}); err != nil {
		t.Fatal(err)
	}
	var pngs, html int
	var text strings.Builder
	for _, c := range nb.Cells {
		text.WriteString(outputsText(c))
		outs, _ := c["outputs"].([]any)
		for _, o := range outs {
			d, _ := o.(map[string]any)["data"].(map[string]any)
			if _, ok := d["image/png"]; ok {
				pngs++
			}
			if _, ok := d["text/html"]; ok {
				html++
			}
		}
	}
	if pngs != 3 || html < 3 {
		t.Errorf("quickstart shows %d figures and %d tables, want the dashboard's table and figure, the loss and discoveries figures and the run's tables", pngs, html)
	}
	if want := "] finished · 3 of 3 finished"; !strings.Contains(text.String(), want) {
		t.Errorf("the dashboard's final figure is not titled %q:\n%s", want, text.String())
	}
	if want := "run: 3 experiments (stage 1: 3 done"; !strings.Contains(text.String(), want) {
		t.Errorf("quickstart's outputs lack %q:\n%s", want, text.String())
	}
}

// TestLoopCellByCell runs notebooks/loop-cell-by-cell.ipynb: each role by
// hand on a real run, a deliberate compile error repaired, then loop.Step.
func TestLoopCellByCell(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a search with worker processes")
	}
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1")
	nb, err := runner.Read("../../notebooks/loop-cell-by-cell.ipynb")
	if err != nil {
		t.Fatal(err)
	}
	if err := runner.Run(context.Background(), nb, runner.Options{Params: []string{"runDir=" + filepath.Join(t.TempDir(), "run")}}); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, c := range nb.Cells {
		outs, _ := c["outputs"].([]any)
		for _, o := range outs {
			d, _ := o.(map[string]any)["data"].(map[string]any)
			for _, k := range []string{"text/markdown", "text/plain"} {
				if l, ok := d[k].([]any); ok {
					for _, x := range l {
						all.WriteString(x.(string))
					}
				}
			}
			if _, ok := d["image/png"]; ok {
				all.WriteString("[png]")
			}
		}
	}
	for _, want := range []string{"The broken source passed: **false**", "The repaired source passed: **true**", "[png]", "**Lessons.**", "[2x12] DataFrame"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("loop-cell-by-cell's outputs lack %q:\n%s", want, all.String())
		}
	}
}

func TestRunScript(t *testing.T) {
	var out, errb bytes.Buffer
	src := "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfor i := range 2 {\n\t\tfmt.Println(\"tick\", i)\n\t}\n}\n"
	if err := runner.RunScript(context.Background(), src, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if out.String() != "tick 0\ntick 1\n" {
		t.Errorf("stdout %q", out.String())
	}
	err := runner.RunScript(context.Background(), "x := 1\nx.Foo()", &out, &errb)
	if err == nil {
		t.Error("bad script ran")
	}
	out.Reset()
	if err := runner.RunScript(context.Background(), "fmt.Println(\"no package clause\")", &out, &errb); err != nil || out.String() != "no package clause\n" {
		t.Errorf("plain script: %q, %v", out.String(), err)
	}
}

// TestWriteCreatesFolder pins that -o into a folder that does not exist yet
// works (as nbconvert's --output-dir does) and leaves no temporary file.
func TestWriteCreatesFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out", "sub", "nb.ipynb")
	nb := &runner.Notebook{NBFormat: 4, NBFormatMinor: 5, Metadata: map[string]any{}}
	if err := nb.Write(path); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "nb.ipynb" {
		t.Errorf("folder holds %v, want only nb.ipynb", entries)
	}
}

// TestRunGoesOnPastExpectedErrors: a cell tagged raises-exception, or any
// cell under AllowErrors, fails without stopping the run; its error stays in
// its outputs.
func TestRunGoesOnPastExpectedErrors(t *testing.T) {
	build := func() *runner.Notebook {
		return &runner.Notebook{NBFormat: 4, Metadata: map[string]any{}, Cells: []runner.Cell{
			runner.NewCodeCell("x := 1\npanic(\"meant to fail\")", runner.RaisesException),
			runner.NewCodeCell("x + 1"),
			runner.NewCodeCell("undefinedName"),
			runner.NewCodeCell(`fmt.Println("last")`),
		}}
	}
	nb := build()
	err := runner.Run(context.Background(), nb, runner.Options{})
	var cf *runner.CellFailure
	if !errors.As(err, &cf) || cf.Index != 2 {
		t.Fatalf("without AllowErrors: %v, want the untagged cell 3 to stop the run", err)
	}
	for i, want := range []string{
		"error:Panic: meant to fail\n",
		"execute_result:2\n",
		"error:CompileError: line 1:1: undefined: undefinedName\n",
		"",
	} {
		if got := outputsText(nb.Cells[i]); got != want {
			t.Errorf("cell %d: -want %q +got %q", i+1, want, got)
		}
	}
	if tb := nb.Cells[0]["outputs"].([]any)[0].(map[string]any)["traceback"].([]any); len(tb) < 2 || tb[1] != "  at line 2:1" {
		t.Errorf("traceback %q, want the panic's line", tb)
	}

	nb = build()
	var log bytes.Buffer
	if err := runner.Run(context.Background(), nb, runner.Options{AllowErrors: true, Log: &log}); err != nil {
		t.Fatalf("AllowErrors: %v", err)
	}
	if got := outputsText(nb.Cells[3]); got != "stream:last\n\n" {
		t.Errorf("last cell after allowed errors: %q", got)
	}
	if !strings.Contains(log.String(), "cell 3 failed, going on (errors allowed)") {
		t.Errorf("log %q", log.String())
	}
}

// TestRunCellsBehaveAsGo: headless, cells give go run's answers (loop
// variables per iteration, max of mixed constants, generic inference) and
// a goroutine's panic fails only its cell.
func TestRunCellsBehaveAsGo(t *testing.T) {
	nb := &runner.Notebook{NBFormat: 4, Metadata: map[string]any{}, Cells: []runner.Cell{
		runner.NewCodeCell("var fs []func() int\nfor i := range 3 {\n\tfs = append(fs, func() int { return i })\n}\n[]int{fs[0](), fs[1](), fs[2]()}"),
		runner.NewCodeCell("max(1, 2.5)"),
		runner.NewCodeCell("done := make(chan bool)\ngo func() {\n\tpanic(\"worker failed\")\n}()\n<-done", runner.RaisesException),
		runner.NewCodeCell("len(fs)"),
		runner.NewCodeCell("func Sum[T int | float64](xs ...T) (s T) {\n\tfor _, x := range xs {\n\t\ts += x\n\t}\n\treturn\n}\nSum[float64](1, 2.5)"),
		runner.NewCodeCell("Sum(1, 2.5)"),
		runner.NewCodeCell("func Zero[T any]() (z T) { return }\nZero()", runner.RaisesException),
	}}
	if err := runner.Run(context.Background(), nb, runner.Options{}); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{
		"execute_result:[0 1 2]\n",
		"execute_result:2.5\n",
		"error:Panic: worker failed (in a goroutine)\n",
		"execute_result:3\n",
		"execute_result:3.5\n",
		"execute_result:3.5\n",
	} {
		if got := outputsText(nb.Cells[i]); got != want {
			t.Errorf("cell %d: -want %q +got %q", i+1, want, got)
		}
	}
	out := nb.Cells[6]["outputs"].([]any)[0].(map[string]any)
	if tb := fmt.Sprint(out["traceback"]); out["ename"] != "CompileError" || !strings.Contains(tb, "cannot infer T") || !strings.Contains(tb, "e.g. Zero[int](...)") {
		t.Errorf("generic inference failure: %v", out)
	}
}

// TestMarshalAsJupyter: a notebook is written byte for byte as Jupyter's
// nbformat writes it (sorted keys, indent 1, HTML and non-ASCII text
// unescaped), checked against nbformat itself where it is installed.
func TestMarshalAsJupyter(t *testing.T) {
	src := `{"cells": [{"cell_type": "markdown", "id": "a1", "metadata": {}, "source": ["<b>α & β</b>\n", "x < y"]},
 {"cell_type": "code", "execution_count": 3, "id": "b2", "metadata": {"tags": ["parameters"]},
  "outputs": [{"data": {"text/html": ["<table><tr><td>1</td></tr></table>"], "text/plain": ["1"]}, "execution_count": 3,
  "metadata": {}, "output_type": "execute_result"}], "source": ["n := 1"]}],
 "metadata": {"kernelspec": {"display_name": "Go (archlab)", "language": "go", "name": "archlab"}},
 "nbformat": 4, "nbformat_minor": 5}`
	nb, err := runner.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	b, err := nb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{`\u003c`, `\u0026`, `\u03b1`} {
		if strings.Contains(string(b), bad) {
			t.Errorf("Marshal escapes %s:\n%s", bad, b)
		}
	}
	if !strings.HasSuffix(string(b), "}\n") || !strings.Contains(string(b), "\n \"cells\": [\n  {\n") {
		t.Errorf("want indent 1 and a final newline:\n%s", b)
	}
	py := "/usr/bin/python3"
	if err := osexec.Command(py, "-c", "import nbformat").Run(); err != nil {
		t.Skip("no nbformat for /usr/bin/python3 (Debian python3-nbformat) to compare with")
	}
	path := filepath.Join(t.TempDir(), "in.ipynb")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := osexec.Command(py, "-c", `import nbformat, sys
nb = nbformat.read(sys.argv[1], as_version=4)
s = nbformat.writes(nb)
sys.stdout.write(s if s.endswith("\n") else s + "\n")`, path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(b) {
		t.Errorf("archlab writes:\n%s\nnbformat writes:\n%s", b, want)
	}
}

// TestProgress: Options.Progress hears each code cell start and end, in
// order, with the count, the total, the first line and the cell's error.
func TestProgress(t *testing.T) {
	nb := &runner.Notebook{NBFormat: 4, Metadata: map[string]any{}, Cells: []runner.Cell{
		{"cell_type": "markdown", "source": "# title", "metadata": map[string]any{}},
		runner.NewCodeCell("x := 1\nx++"),
		runner.NewCodeCell("panic(\"no\")", runner.RaisesException),
		runner.NewCodeCell("\n  fmt.Println(x)"),
	}}
	var got []string
	err := runner.Run(context.Background(), nb, runner.Options{Progress: func(p runner.CellProgress) {
		s := fmt.Sprintf("%d %d/%d %q done=%v", p.Index, p.Count, p.Total, p.Line, p.Done)
		if p.Done && p.Err != nil {
			s += " err"
		}
		if p.Elapsed < 0 || !p.Done && p.Elapsed != 0 {
			s += " bad-elapsed"
		}
		got = append(got, s)
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`1 1/3 "x := 1" done=false`, `1 1/3 "x := 1" done=true`,
		`2 2/3 "panic(\"no\")" done=false`, `2 2/3 "panic(\"no\")" done=true err`,
		`3 3/3 "fmt.Println(x)" done=false`, `3 3/3 "fmt.Println(x)" done=true`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("progress:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
