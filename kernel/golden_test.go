package kernel_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/go-zeromq/zmq4"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txtar with the messages the kernel sends now")

// TestGolden replays the requests of each testdata/*.txtar session against
// a kernel with the fake executor and compares every message it answers
// with (reply first, then iopub from busy to idle) with the file's "want".
// Each file's first line says what it pins.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no testdata/*.txtar")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			ar := parseTxtar(data)
			var requests []byte
			for _, f := range ar.Files {
				if f.Name == "requests" {
					requests = f.Data
				}
			}
			c, _, _ := start(t, &fake{})
			var got bytes.Buffer
			for _, line := range strings.Split(strings.TrimSpace(string(requests)), "\n") {
				channel, rest, _ := strings.Cut(line, " ")
				typ, body, _ := strings.Cut(rest, " ")
				var content map[string]any
				if body != "" {
					if err := json.Unmarshal([]byte(body), &content); err != nil {
						t.Fatalf("request %q: %v", line, err)
					}
				}
				sock := map[string]zmq4.Socket{"shell": c.shell, "control": c.control}[channel]
				if sock == nil {
					t.Fatalf("request %q: channel must be shell or control", line)
				}
				fmt.Fprintf(&got, "> %s\n", line)
				id := c.send(sock, typ, content)
				r := c.recv(sock, id)
				fmt.Fprintf(&got, "%s %s %s\n", channel, r.Type(), render(r.Content))
				for _, m := range c.outputs(id) {
					fmt.Fprintf(&got, "iopub %s %s\n", m.Type(), render(m.Content))
				}
			}
			var want []byte
			for i, f := range ar.Files {
				if f.Name == "want" {
					want = f.Data
					if *update {
						ar.Files[i].Data = got.Bytes()
					}
				}
			}
			if *update {
				if err := os.WriteFile(file, formatTxtar(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if !bytes.Equal(want, got.Bytes()) {
				t.Errorf("messages differ (go test -update to accept):\n-want\n%s\n+got\n%s", want, got.Bytes())
			}
		})
	}
}

// render writes content's fields sorted by key; values that vary from run
// to run (ids in comm messages, dates) are not part of content.
func render(raw json.RawMessage) string {
	var c map[string]any
	_ = json.Unmarshal(raw, &c)
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		b, _ := json.Marshal(c[k])
		parts = append(parts, k+"="+string(b))
	}
	if len(parts) == 0 {
		return "{}"
	}
	// The Go version shows in kernel_info: keep the files toolchain-independent.
	return strings.ReplaceAll(strings.Join(parts, " "), strings.TrimPrefix(runtime.Version(), "go"), "$GOVERSION")
}

// A minimal txtar (golang.org/x/tools/txtar's format): a comment, then
// files each introduced by a "-- name --" line.
type txtarFile struct {
	Name string
	Data []byte
}

type txtarArchive struct {
	Comment []byte
	Files   []txtarFile
}

func parseTxtar(data []byte) *txtarArchive {
	a := &txtarArchive{}
	cur := &a.Comment
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			a.Files = append(a.Files, txtarFile{Name: trimmed[3 : len(trimmed)-3]})
			cur = &a.Files[len(a.Files)-1].Data
			continue
		}
		*cur = append(*cur, line...)
	}
	return a
}

func formatTxtar(a *txtarArchive) []byte {
	var b bytes.Buffer
	b.Write(a.Comment)
	for _, f := range a.Files {
		fmt.Fprintf(&b, "-- %s --\n", f.Name)
		b.Write(f.Data)
	}
	return b.Bytes()
}
