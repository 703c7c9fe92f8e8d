package interp_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/interp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txtar outputs")

// archive is a txtar file: a comment, then named sections.
type archive struct {
	comment string
	files   []section
}

type section struct{ name, data string }

func parseTxtar(b []byte) archive {
	var a archive
	lines := strings.SplitAfter(string(b), "\n")
	cur := -1
	var buf strings.Builder
	flush := func() {
		if cur < 0 {
			a.comment = buf.String()
		} else {
			a.files[cur].data = buf.String()
		}
		buf.Reset()
	}
	for _, l := range lines {
		t := strings.TrimRight(l, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) >= 6 {
			flush()
			a.files = append(a.files, section{name: strings.TrimSpace(t[3 : len(t)-3])})
			cur = len(a.files) - 1
			continue
		}
		buf.WriteString(l)
	}
	flush()
	return a
}

func (a archive) format() []byte {
	var b bytes.Buffer
	b.WriteString(a.comment)
	for _, f := range a.files {
		fmt.Fprintf(&b, "-- %s --\n", f.name)
		b.WriteString(f.data)
		if f.data != "" && !strings.HasSuffix(f.data, "\n") {
			b.WriteString("\n")
		}
	}
	return b.Bytes()
}

// transcript is a Sink that writes what a cell produced as stable text.
type transcript struct {
	b       strings.Builder
	last    string // last stream name, to merge chunks
	inputs  []string
	prompts []string
}

func (t *transcript) Stream(name, text string) {
	if t.last != name {
		if t.last != "" {
			t.endStream()
		}
		fmt.Fprintf(&t.b, "[%s]\n", name)
		t.last = name
	}
	t.b.WriteString(text)
}

func (t *transcript) endStream() {
	if t.last != "" && !strings.HasSuffix(t.b.String(), "\n") {
		t.b.WriteString("⏎\n")
	}
	t.last = ""
}

func (t *transcript) bundle(kind string, b display.Bundle) {
	t.endStream()
	var mimes []string
	for m := range b.Data {
		mimes = append(mimes, m)
	}
	sort.Strings(mimes)
	fmt.Fprintf(&t.b, "[%s %s]\n", kind, strings.Join(mimes, " "))
	if s, ok := b.Data[display.MIMEText].(string); ok {
		t.b.WriteString(strings.TrimRight(s, "\n") + "\n")
	}
}

func (t *transcript) Display(b display.Bundle, id string, update bool) {
	kind := "display"
	if update {
		kind = "update"
	}
	t.bundle(kind, b)
}

func (t *transcript) Clear(wait bool) { t.endStream(); fmt.Fprintf(&t.b, "[clear wait=%v]\n", wait) }

func (t *transcript) Input(prompt string, password bool) (string, error) {
	t.endStream()
	fmt.Fprintf(&t.b, "[input %q password=%v]\n", prompt, password)
	if len(t.inputs) == 0 {
		return "", fmt.Errorf("no input")
	}
	in := t.inputs[0]
	t.inputs = t.inputs[1:]
	return in, nil
}

// TestGolden runs each testdata/*.txtar as one session: every "in"
// section is a cell, the "out" section after it what the cell produced.
func TestGolden(t *testing.T) {
	realStderr(t)
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			a := parseTxtar(raw)
			if strings.TrimSpace(a.comment) == "" {
				t.Errorf("%s: golden files open with one sentence on what they pin", file)
			}
			s, err := interp.New(interp.Options{MaxOutput: 2000})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var out []section
			for i := 0; i < len(a.files); i++ {
				f := a.files[i]
				if f.name != "in" {
					continue
				}
				tr := &transcript{inputs: []string{"Ada"}}
				v, err := s.Execute(context.Background(), strings.TrimSuffix(f.data, "\n"), tr)
				if v != nil {
					tr.bundle("result", *v)
				}
				tr.endStream()
				if err != nil {
					if ce, ok := err.(*interp.CellError); ok {
						fmt.Fprintf(&tr.b, "[error %s]\n%s\n", ce.Name, strings.Join(ce.Traceback, "\n"))
					} else {
						fmt.Fprintf(&tr.b, "[go error] %v\n", err)
					}
				}
				got := tr.b.String()
				out = append(out, f, section{name: "out", data: got})
				want := ""
				if i+1 < len(a.files) && a.files[i+1].name == "out" {
					want = a.files[i+1].data
				}
				if !*update && got != want {
					t.Errorf("cell %d:\n%s\n-want:\n%s\n+got:\n%s", len(out)/2, f.data, want, got)
				}
			}
			if *update {
				a.files = out
				if err := os.WriteFile(file, a.format(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// realStderr points os.Stderr back at fd 2 for the test: under go test -json
// the testing package sets os.Stderr = os.Stdout (go.dev/issue/33419), so a
// cell's fmt.Fprintln(os.Stderr, ...) would be captured as stdout there and
// only there.
func realStderr(t *testing.T) {
	if os.Stderr.Fd() == 2 {
		return
	}
	saved := os.Stderr
	os.Stderr = fd2
	t.Cleanup(func() { os.Stderr = saved })
}

// fd2 is package-level so that no finalizer ever closes fd 2.
var fd2 = os.NewFile(2, "/dev/stderr")
