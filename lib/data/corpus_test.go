package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// collect reads a whole corpus, stopping at the first error.
func collect(t *testing.T, c Corpus) ([]Document, error) {
	t.Helper()
	var docs []Document
	for d, err := range c.Documents(context.Background()) {
		if err != nil {
			return docs, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTextFilesChunksRebuildTheFile(t *testing.T) {
	p, err := OpticksPath()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Opticks()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := collect(t, c)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for i, d := range docs {
		sb.WriteString(d.Text)
		if d.Continues != (i > 0) {
			t.Errorf("doc %d (line %d): Continues = %v", i, d.Line, d.Continues)
		}
		if i < len(docs)-1 && len(d.Text) < ChunkBytes {
			t.Errorf("doc %d (line %d) has %d bytes, under ChunkBytes", i, d.Line, len(d.Text))
		}
	}
	if sb.String() != string(want) {
		t.Fatalf("chunks concatenated differ from the file (%d vs %d bytes)", sb.Len(), len(want))
	}
	if len(docs) < 200 {
		t.Errorf("Opticks gave %d documents, want hundreds to split", len(docs))
	}
	// Line numbers: each chunk starts at the line its text starts at.
	lines := strings.SplitAfter(string(want), "\n")
	for _, d := range docs[:20] {
		if first := strings.SplitAfter(d.Text, "\n")[0]; lines[d.Line-1] != first {
			t.Errorf("doc at line %d starts %q, file line is %q", d.Line, first, lines[d.Line-1])
		}
	}
}

func TestTextFilesSmall(t *testing.T) {
	big := strings.Repeat("x", ChunkBytes) + "\n"
	p := writeFile(t, "a.txt", "title\n\n"+big+"\n\nsecond\npara\n\n"+big+"tail without newline")
	docs, err := collect(t, TextFiles(p))
	if err != nil {
		t.Fatal(err)
	}
	want := []Document{
		{Source: p, Line: 1, Text: "title\n\n" + big + "\n\n"},
		{Source: p, Line: 6, Text: "second\npara\n\n" + big + "tail without newline", Continues: true},
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d docs, want %d: %+v", len(docs), len(want), docs)
	}
	for i := range want {
		if docs[i] != want[i] {
			t.Errorf("doc %d = %+v\nwant %+v", i, docs[i], want[i])
		}
	}
}

func TestJSONL(t *testing.T) {
	good := writeFile(t, "good.jsonl", `{"text": "first", "id": 1}`+"\n\n"+`{"id": 2, "text": "sec\nond"}`+"\n")
	docs, err := collect(t, JSONL("text", good))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Text != "first" || docs[1].Text != "sec\nond" || docs[1].Line != 3 {
		t.Errorf("docs = %+v", docs)
	}

	tests := []struct {
		name, content, field, want string
	}{
		{"bad json", "{\"text\": \"a\"}\n{\"text\": \"b\"\n", "text", "bad.jsonl:2: bad JSON"},
		{"missing field", "{\"text\": \"a\"}\n\n{\"body\": \"b\"}\n", "text", `bad.jsonl:3: missing field "text"`},
		{"not a string", "{\"text\": 42}\n", "text", `bad.jsonl:1: field "text" is not a string`},
		{"not an object", "[1,2]\n", "text", "bad.jsonl:1: bad JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "bad.jsonl", tt.content)
			_, err := collect(t, JSONL(tt.field, p))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "data: ") {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := collect(t, JSONL("text", filepath.Join(t.TempDir(), "nope.jsonl"))); err == nil || !strings.Contains(err.Error(), "nope.jsonl") {
		t.Errorf("missing file error = %v", err)
	}
}

type webRow struct {
	ID    int64   `parquet:"id"`
	Text  *string `parquet:"text,optional"`
	Score float64 `parquet:"score"`
}

func TestParquet(t *testing.T) {
	s := func(v string) *string { return &v }
	rows := []webRow{{1, s("alpha"), 0.5}, {2, nil, 1}, {3, s("gamma δ"), 2}}
	for i := range 600 { // several pages of values
		rows = append(rows, webRow{int64(4 + i), s(strings.Repeat("z", i%7)), 0})
	}
	p := filepath.Join(t.TempDir(), "shard.parquet")
	if err := parquet.WriteFile(p, rows, parquet.PageBufferSize(512)); err != nil {
		t.Fatal(err)
	}
	docs, err := collect(t, Parquet("text", p))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(rows)-1 {
		t.Fatalf("got %d docs, want %d (one null skipped)", len(docs), len(rows)-1)
	}
	if docs[0].Text != "alpha" || docs[0].Line != 1 || docs[1].Text != "gamma δ" || docs[1].Line != 3 {
		t.Errorf("first docs = %+v", docs[:2])
	}
	for i, d := range docs[2:] {
		if want := strings.Repeat("z", i%7); d.Text != want || d.Line != 4+i {
			t.Fatalf("doc at row %d = %+v, want %q at row %d", d.Line, d, want, 4+i)
		}
	}

	junk := writeFile(t, "junk.parquet", "this is not parquet at all, just text")
	tests := []struct {
		name, path, column, want string
	}{
		{"missing column", p, "body", `no column "body" (columns: id, score, text)`},
		{"not a string column", p, "score", `column "score" is not a flat string column`},
		{"not parquet", junk, "text", "junk.parquet: not a readable Parquet file"},
		{"missing file", filepath.Join(t.TempDir(), "gone.parquet"), "text", "gone.parquet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := collect(t, Parquet(tt.column, tt.path))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestGoSource(t *testing.T) {
	c, err := GoSource()
	if err != nil {
		t.Fatal(err)
	}
	var first []string
	for d, err := range c.Documents(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(d.Source, ".go") || d.Text == "" || strings.Contains(d.Source, "\\") {
			t.Errorf("document %+.40v", d)
		}
		first = append(first, d.Source)
		if len(first) == 50 {
			break
		}
	}
	for i := 1; i < len(first); i++ {
		a, b := filepath.Dir(first[i-1]), filepath.Dir(first[i])
		if a == b && first[i-1] >= first[i] {
			t.Errorf("not in lexical order: %s then %s", first[i-1], first[i])
		}
	}
	if first[0] != "archive/tar/common.go" {
		t.Logf("first file is %s", first[0]) // depends on the Go version; only logged
	}
}

func TestOpticksMissing(t *testing.T) {
	root := t.TempDir()
	_, err := opticksIn(root)
	if err == nil || !strings.Contains(err.Error(), "Isaac.Newton-Opticks.txt") || !strings.Contains(err.Error(), root) {
		t.Errorf("error = %v, want it to name the file and GOROOT", err)
	}
}

func TestOpen(t *testing.T) {
	tests := []struct {
		spec, wantName string
	}{
		{"opticks", "opticks"},
		{"gosrc", "gosrc"},
		{"a.txt", "text:a.txt"},
		{"a.md,b.md", "text:a.md,b.md"},
		{"text:a.jsonl", "text:a.jsonl"},
		{"text:notes#1.txt", "text:notes#1.txt"},
		{"fw.jsonl", "jsonl:fw.jsonl#text"},
		{"fw.jsonl#content", "jsonl:fw.jsonl#content"},
		{"jsonl:dump.json,more.txt#body", "jsonl:dump.json,more.txt#body"},
		{"s1.parquet,s2.parquet", "parquet:s1.parquet,s2.parquet#text"},
		{"s.parquet#body", "parquet:s.parquet#body"},
		{"parquet:shard-000#text", "parquet:shard-000#text"},
	}
	for _, tt := range tests {
		c, err := Open(tt.spec)
		if err != nil {
			t.Errorf("Open(%q): %v", tt.spec, err)
			continue
		}
		if c.Name() != tt.wantName {
			t.Errorf("Open(%q).Name() = %q, want %q", tt.spec, c.Name(), tt.wantName)
		}
		if again, err := Open(c.Name()); err != nil || again.Name() != c.Name() {
			t.Errorf("Open(Name()) of %q: %v, %v", tt.spec, again, err)
		}
	}
	for _, bad := range []string{"", "a.jsonl,b.parquet", "jsonl:", "x.jsonl#"} {
		if _, err := Open(bad); err == nil {
			t.Errorf("Open(%q) succeeded", bad)
		}
	}
}

// A damaged page in the middle of a shard stops the stream with the file
// and the first row not read, after the rows before it.
func TestParquetCorruptPage(t *testing.T) {
	type row struct {
		Text string `parquet:"text"`
	}
	var rows []row
	for i := range 2000 {
		rows = append(rows, row{strings.Repeat("word ", i%13)})
	}
	p := filepath.Join(t.TempDir(), "shard.parquet")
	if err := parquet.WriteFile(p, rows, parquet.PageBufferSize(1024), parquet.Compression(&parquet.Snappy)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) / 2; i < len(b)/2+16; i++ {
		b[i] ^= 0x5a
	}
	q := filepath.Join(t.TempDir(), "damaged.parquet")
	if err := os.WriteFile(q, b, 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := collect(t, Parquet("text", q))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("damaged.parquet: row %d: read page:", len(docs)+1)) {
		t.Fatalf("after %d rows, error = %v; want the file and row %d", len(docs), err, len(docs)+1)
	}
	if len(docs) == 0 || len(docs) >= len(rows) {
		t.Errorf("read %d rows before the damage, want some but not all", len(docs))
	}
}

// FineWeb-Edu-like shards: dictionary-encoded, compressed string columns
// next to other columns.
func TestParquetEncodings(t *testing.T) {
	type dictRow struct {
		URL   string `parquet:"url"`
		Text  string `parquet:"text,dict"`
		Score float32
	}
	var rows []dictRow
	var want []string
	for i := range 300 {
		s := fmt.Sprintf("doc %d says %s", i%17, strings.Repeat("edu ", i%5))
		rows = append(rows, dictRow{URL: fmt.Sprint("https://example.org/", i), Text: s})
		want = append(want, s)
	}
	for _, codec := range []parquet.WriterOption{parquet.Compression(&parquet.Zstd), parquet.Compression(&parquet.Gzip), parquet.Compression(&parquet.Snappy)} {
		p := filepath.Join(t.TempDir(), "fw.parquet")
		if err := parquet.WriteFile(p, rows, codec, parquet.MaxRowsPerRowGroup(64)); err != nil {
			t.Fatal(err)
		}
		docs, err := collect(t, Parquet("text", p))
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) != len(want) {
			t.Fatalf("%d docs, want %d", len(docs), len(want))
		}
		for i, d := range docs {
			if d.Text != want[i] || d.Line != i+1 {
				t.Fatalf("row %d: %q at %d, want %q", i+1, d.Text, d.Line, want[i])
			}
		}
	}
}
