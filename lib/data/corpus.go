package data

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/parquet-go/parquet-go"
)

// Document is one unit of a corpus: what the train/validation split assigns
// as a whole.
type Document struct {
	Source string // file the text came from (relative to GOROOT/src for GoSource)
	Line   int    // 1-based: first line (text), line (JSONL), row (Parquet), 0 for a whole file
	Text   string
	// Continues is true when this document is the next paragraph chunk of the
	// same text file as the one before it: Load puts no end-of-text token
	// before it.
	Continues bool
}

// Corpus is a stream of documents in a fixed order. Documents reads files
// lazily, so a corpus may be far larger than memory; it stops at the first
// error (a malformed line, a missing field, an unreadable file), which names
// the file and the line or row.
type Corpus interface {
	Name() string
	Documents(ctx context.Context) iter.Seq2[Document, error]
}

// ChunkBytes is the size from which a text file's paragraphs are cut into a
// new document: paragraphs (blank-line separated) are gathered until a chunk
// holds at least this many bytes, so Opticks (567 kB) gives about 500
// documents to split between train and validation.
const ChunkBytes = 1024

// maxLine bounds one JSONL line or text line (64 MiB).
const maxLine = 64 << 20

type corpus struct {
	name string
	docs func(ctx context.Context, yield func(Document, error) bool)
}

func (c *corpus) Name() string { return c.name }
func (c *corpus) Documents(ctx context.Context) iter.Seq2[Document, error] {
	return func(yield func(Document, error) bool) { c.docs(ctx, yield) }
}

// goroot returns the Go installation root: $GOROOT, runtime.GOROOT(), or
// the output of `go env GOROOT`, the first that holds src/.
func goroot() (string, error) {
	hasSrc := func(r string) bool {
		st, err := os.Stat(filepath.Join(r, "src"))
		return r != "" && err == nil && st.IsDir()
	}
	for _, r := range []string{os.Getenv("GOROOT"), runtime.GOROOT()} { //nolint:staticcheck // the build's root is a fine first guess
		if hasSrc(r) {
			return r, nil
		}
	}
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		if r := strings.TrimSpace(string(out)); hasSrc(r) {
			return r, nil
		}
	}
	return "", errors.New("data: Go source tree not found: set GOROOT to a Go installation that has src/ (see `go env GOROOT`)")
}

// OpticksPath returns the path of Newton's Opticks in the Go installation,
// GOROOT/src/testdata/Isaac.Newton-Opticks.txt, or an error naming it if
// missing.
func OpticksPath() (string, error) {
	r, err := goroot()
	if err != nil {
		return "", err
	}
	return opticksIn(r)
}

func opticksIn(root string) (string, error) {
	p := filepath.Join(root, "src", "testdata", "Isaac.Newton-Opticks.txt")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("data: opticks corpus: %w (it ships with every Go installation; is GOROOT=%s complete?)", err, root)
	}
	return p, nil
}

// Opticks returns Newton's Opticks (567 kB of English text, shipped with Go)
// as a text corpus: the offline default for byte-level language modelling.
func Opticks() (Corpus, error) {
	p, err := OpticksPath()
	if err != nil {
		return nil, err
	}
	c := TextFiles(p).(*corpus)
	c.name = "opticks"
	return c, nil
}

// GoSource returns the .go files under GOROOT/src (about 150 MB, 7,700
// files), one document per file, in lexical path order.
func GoSource() (Corpus, error) {
	r, err := goroot()
	if err != nil {
		return nil, err
	}
	root := filepath.Join(r, "src")
	return &corpus{name: "gosrc", docs: func(ctx context.Context, yield func(Document, error) bool) {
		stop := errors.New("stop")
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("data: gosrc: %w", err)
			}
			if d.IsDir() || !strings.HasSuffix(p, ".go") {
				return nil
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return fmt.Errorf("data: gosrc: %w", err)
			}
			rel, _ := filepath.Rel(root, p)
			if !yield(Document{Source: filepath.ToSlash(rel), Text: string(b)}, nil) {
				return stop
			}
			return nil
		})
		if err != nil && err != stop {
			yield(Document{}, err)
		}
	}}, nil
}

// TextFiles returns plain text files as a corpus. Each file is read line by
// line and cut at blank lines into chunks of at least ChunkBytes bytes;
// the chunks of one file, concatenated, are the file exactly.
func TextFiles(paths ...string) Corpus {
	return &corpus{name: "text:" + strings.Join(paths, ","), docs: func(ctx context.Context, yield func(Document, error) bool) {
		for _, p := range paths {
			if !textFile(ctx, p, yield) {
				return
			}
		}
	}}
}

func textFile(ctx context.Context, p string, yield func(Document, error) bool) bool {
	f, err := os.Open(p)
	if err != nil {
		return yield(Document{}, fmt.Errorf("data: %w", err))
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	var buf strings.Builder
	line, start, first, prevBlank := 0, 1, true, false
	flush := func() bool {
		if buf.Len() == 0 {
			return true
		}
		d := Document{Source: p, Line: start, Text: buf.String(), Continues: !first}
		first = false
		buf.Reset()
		return yield(d, nil)
	}
	for {
		s, err := r.ReadString('\n')
		if len(s) > 0 {
			line++
			blank := strings.TrimSpace(s) == ""
			if !blank && prevBlank && buf.Len() >= ChunkBytes {
				if !flush() {
					return false
				}
				if err := ctx.Err(); err != nil {
					return yield(Document{}, err)
				}
				start = line
			}
			buf.WriteString(s)
			prevBlank = blank
		}
		if err == io.EOF {
			return flush()
		}
		if err != nil {
			return yield(Document{}, fmt.Errorf("data: %s:%d: %w", p, line+1, err))
		}
	}
}

// JSONL returns JSON-lines files as a corpus: one document per line, the
// text in the string field named field (for FineWeb-Edu and most web
// corpora, "text"). Empty lines are skipped. A line that is not a JSON
// object, lacks the field, or holds a non-string there is an error naming
// the file and line.
func JSONL(field string, paths ...string) Corpus {
	return &corpus{name: "jsonl:" + strings.Join(paths, ",") + "#" + field, docs: func(ctx context.Context, yield func(Document, error) bool) {
		for _, p := range paths {
			if !jsonlFile(ctx, p, field, yield) {
				return
			}
		}
	}}
}

func jsonlFile(ctx context.Context, p, field string, yield func(Document, error) bool) bool {
	f, err := os.Open(p)
	if err != nil {
		return yield(Document{}, fmt.Errorf("data: %w", err))
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return yield(Document{}, err)
			}
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(b, &obj); err != nil {
			return yield(Document{}, fmt.Errorf("data: %s:%d: bad JSON: %w", p, line, err))
		}
		raw, ok := obj[field]
		if !ok {
			return yield(Document{}, fmt.Errorf("data: %s:%d: missing field %q", p, line, field))
		}
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return yield(Document{}, fmt.Errorf("data: %s:%d: field %q is not a string", p, line, field))
		}
		if !yield(Document{Source: p, Line: line, Text: s}, nil) {
			return false
		}
	}
	if err := sc.Err(); err != nil {
		return yield(Document{}, fmt.Errorf("data: %s:%d: %w", p, line+1, err))
	}
	return true
}

// Parquet returns the string column named column of Parquet files (e.g.
// FineWeb-Edu shards, column "text") as a corpus, one document per row,
// read page by page. Null values are skipped. A missing file or column, a
// column that is not a flat string column, or a corrupt page is an error
// naming the file (and the row, where known).
func Parquet(column string, paths ...string) Corpus {
	return &corpus{name: "parquet:" + strings.Join(paths, ",") + "#" + column, docs: func(ctx context.Context, yield func(Document, error) bool) {
		for _, p := range paths {
			if !parquetFile(ctx, p, column, yield) {
				return
			}
		}
	}}
}

func parquetFile(ctx context.Context, p, column string, yield func(Document, error) bool) bool {
	f, err := os.Open(p)
	if err != nil {
		return yield(Document{}, fmt.Errorf("data: %w", err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return yield(Document{}, fmt.Errorf("data: %w", err))
	}
	pf, err := parquet.OpenFile(f, st.Size(), parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return yield(Document{}, fmt.Errorf("data: %s: not a readable Parquet file: %w", p, err))
	}
	leaf, ok := pf.Schema().Lookup(column)
	if !ok {
		var names []string
		for _, path := range pf.Schema().Columns() {
			names = append(names, strings.Join(path, "."))
		}
		sort.Strings(names)
		return yield(Document{}, fmt.Errorf("data: %s: no column %q (columns: %s)", p, column, strings.Join(names, ", ")))
	}
	if leaf.MaxRepetitionLevel > 0 || leaf.Node.Type().Kind() != parquet.ByteArray {
		return yield(Document{}, fmt.Errorf("data: %s: column %q is not a flat string column (type %s)", p, column, leaf.Node.Type()))
	}
	row := 0
	vals := make([]parquet.Value, 256)
	for _, rg := range pf.RowGroups() {
		pages := rg.ColumnChunks()[leaf.ColumnIndex].Pages()
		for {
			page, err := pages.ReadPage()
			if err == io.EOF {
				break
			}
			if err != nil {
				pages.Close()
				return yield(Document{}, fmt.Errorf("data: %s: row %d: read page: %w", p, row+1, err))
			}
			vr := page.Values()
			for {
				n, err := vr.ReadValues(vals)
				for _, v := range vals[:n] {
					row++
					if v.IsNull() {
						continue
					}
					if !yield(Document{Source: p, Line: row, Text: string(v.ByteArray())}, nil) {
						parquet.Release(page)
						pages.Close()
						return false
					}
				}
				if err == io.EOF {
					break
				}
				if err != nil {
					parquet.Release(page)
					pages.Close()
					return yield(Document{}, fmt.Errorf("data: %s: row %d: %w", p, row+1, err))
				}
			}
			parquet.Release(page)
			if err := ctx.Err(); err != nil {
				pages.Close()
				return yield(Document{}, err)
			}
		}
		pages.Close()
	}
	return true
}

// Open returns a corpus from a short spec, as used by the CLI and configs:
//
//	opticks                  Newton's Opticks from GOROOT
//	gosrc                    the .go files under GOROOT/src
//	PATH.txt (any other ext) a plain text file
//	PATH.jsonl[#FIELD]       JSONL, text in FIELD (default "text")
//	PATH.parquet[#COLUMN]    Parquet, text in COLUMN (default "text")
//	text:PATH, jsonl:PATH[#FIELD], parquet:PATH[#COLUMN]
//	                         the same, whatever the file names end with
//
// Several files of one kind can be given separated by commas. A corpus's
// Name is a spec that Open reads back.
func Open(spec string) (Corpus, error) {
	switch spec {
	case "opticks":
		return Opticks()
	case "gosrc", "gosource":
		return GoSource()
	case "":
		return nil, errors.New("data: empty corpus spec")
	}
	kind, rest, ok := strings.Cut(spec, ":")
	switch {
	case ok && (kind == "text" || kind == "jsonl" || kind == "parquet"):
		spec = rest
	default:
		kind = ""
	}
	field := "text"
	if i := strings.LastIndexByte(spec, '#'); i >= 0 && kind != "text" {
		spec, field = spec[:i], spec[i+1:]
	}
	if spec == "" || field == "" {
		return nil, fmt.Errorf("data: corpus spec %q names no file or no field", spec)
	}
	paths := strings.Split(spec, ",")
	if kind == "" {
		ext := strings.ToLower(filepath.Ext(paths[0]))
		for _, p := range paths[1:] {
			if strings.ToLower(filepath.Ext(p)) != ext {
				return nil, fmt.Errorf("data: corpus spec %q mixes file kinds (use text:, jsonl: or parquet:)", spec)
			}
		}
		switch ext {
		case ".jsonl", ".ndjson":
			kind = "jsonl"
		case ".parquet":
			kind = "parquet"
		default:
			kind = "text"
		}
	}
	switch kind {
	case "jsonl":
		return JSONL(field, paths...), nil
	case "parquet":
		return Parquet(field, paths...), nil
	}
	return TextFiles(paths...), nil
}
