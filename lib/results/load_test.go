package results

import (
	"bytes"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadFolderShapes(t *testing.T) {
	run := realRun(t)
	if len(run.Tree) != 1772 || len(run.SOTA) != 106 {
		t.Fatalf("got %d nodes and %d SOTA, want 1772 and 106", len(run.Tree), len(run.SOTA))
	}
	a, err := run.Arch("HybridGateFlow")
	if err != nil {
		t.Fatal(err)
	}
	if a.Index != 1735 || a.Parent != 1544 || a.Name != "delta_net_hhmr" || a.ParamsM != 495.73 {
		t.Errorf("HybridGateFlow: %d %d %q %v", a.Index, a.Parent, a.Name, a.ParamsM)
	}
	if len(a.Loss.Steps) != 21 || a.Loss.Steps[0] != 1 || a.Loss.Steps[20] != 2000 || a.FinalLoss() != 3.3998 {
		t.Errorf("loss curve: steps %v, final %v", a.Loss.Steps, a.FinalLoss())
	}
	if !math.IsNaN(a.Tasks["wikitext"]) || a.Tasks["average"] != 0.3979 {
		t.Errorf("tasks: wikitext %v, average %v", a.Tasks["wikitext"], a.Tasks["average"])
	}
	if run.Tree[0].Parent != 0 || run.Tree[0].NameNew != "DeltaNet" {
		t.Errorf("root: %+v", run.Tree[0])
	}
}

// Small well-formed files for the parser tests that need no released data.
const (
	tinyTree = `{"total_records": 3, "results": [
  {"index": 1, "name": "delta_net", "parent": null, "score": 1.5, "name_new": "DeltaNet"},
  {"index": 2, "name": "a", "parent": 1, "score": 2.0, "name_new": "A"},
  {"index": 4, "name": "b", "parent": 2, "score": 2.5}
]}`
	tinySOTA = `[{"index": 2, "parent": 1, "name": "a", "name_new": "A", "summary": "s", "motivation": "m",
  "program": "p", "svg_picture": "<svg/>", "parameters": "12.5M", "score": 2.0,
  "result": {"train": ",1,100\na,11.0,3.25", "test": ",arc_challenge,arc_easy,boolq,hellaswag,lam_ppl,lambada_openai,piqa,social_iqa,wikitext,winogrande,average\na,0.2,0.4,0.6,0.3,nan,0.1,0.6,0.35,nan,0.5,0.38"}}]`
)

func TestParseTiny(t *testing.T) {
	nodes, err := ParseTree(strings.NewReader(tinyTree), "tree.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 3 || nodes[2].NameNew != "" || nodes[2].Parent != 2 || nodes[0].Parent != 0 {
		t.Fatalf("%+v", nodes)
	}
	archs, err := ParseSOTA(strings.NewReader(tinySOTA), "106.json")
	if err != nil {
		t.Fatal(err)
	}
	a := archs[0]
	if a.ParamsM != 12.5 || a.FinalLoss() != 3.25 {
		t.Errorf("%+v", a)
	}
	// (0.2+0.4+0.6+0.3+0.6+0.35+0.5)/7 = 2.95/7
	if got, want := a.Score340M(), 100*2.95/7; math.Abs(got-want) > 1e-12 {
		t.Errorf("Score340M = %v, want %v", got, want)
	}
}

// TestParseErrors feeds broken files and checks that each error names the
// file, the record and the field.
func TestParseErrors(t *testing.T) {
	treeCases := []struct {
		name, in string
		want     []string // substrings of the error
	}{
		{"truncated mid-record", tinyTree[:strings.Index(tinyTree, `"score": 2.0`)+5], []string{"tree.json", "record 2", "truncated"}},
		{"score is a string", strings.Replace(tinyTree, `"score": 2.0`, `"score": "high"`, 1), []string{"record 2 (index 2)", `field "score"`, "want a number"}},
		{"name missing", strings.Replace(tinyTree, `"name": "b", `, ``, 1), []string{"record 3 (index 4)", `field "name"`, "missing"}},
		{"parent not an integer", strings.Replace(tinyTree, `"parent": 2,`, `"parent": 2.5,`, 1), []string{"record 3 (index 4)", `field "parent"`, "want an integer"}},
		{"parent unknown", strings.Replace(tinyTree, `"parent": 2,`, `"parent": 99,`, 1), []string{"record 3 (index 4)", `field "parent"`, "not in the file"}},
		{"index missing", strings.Replace(tinyTree, `"index": 4, `, ``, 1), []string{"record 3", `field "index"`, "missing"}},
		{"duplicate index", strings.Replace(tinyTree, `"index": 4,`, `"index": 2,`, 1), []string{"record 3 (index 2)", "duplicate"}},
		{"total_records disagrees", strings.Replace(tinyTree, `"total_records": 3`, `"total_records": 5`, 1), []string{`field "total_records"`, "says 5"}},
		{"record not an object", strings.Replace(tinyTree, `{"index": 4, "name": "b", "parent": 2, "score": 2.5}`, `7`, 1), []string{"record 3", "want a JSON object"}},
		{"syntax error", strings.Replace(tinyTree, `"score": 2.5}`, `"score": 2.5,,}`, 1), []string{"record 3", "malformed JSON"}},
		{"no results", `{"total_records": 0}`, []string{`field "results"`, "missing"}},
	}
	for _, c := range treeCases {
		t.Run("tree/"+c.name, func(t *testing.T) {
			_, err := ParseTree(strings.NewReader(c.in), "tree.json")
			checkErr(t, err, c.want)
		})
	}
	sotaCases := []struct {
		name, in string
		want     []string
	}{
		{"truncated", tinySOTA[:len(tinySOTA)/2], []string{"106.json", "record 1", "truncated"}},
		{"train CSV short row", strings.Replace(tinySOTA, `a,11.0,3.25`, `a,11.0`, 1), []string{"record 1 (index 2)", `field "result.train"`}},
		{"train value not a number", strings.Replace(tinySOTA, `a,11.0,3.25`, `a,11.0,x`, 1), []string{`field "result.train"`, "step 100", `"x"`}},
		{"test lacks piqa", strings.Replace(strings.Replace(tinySOTA, `,piqa,`, `,piqb,`, 1), "", "", 1), []string{`field "result.test"`, `"piqa" missing`}},
		{"test accuracy nan", strings.Replace(tinySOTA, `0.1,0.6,0.35`, `0.1,nan,0.35`, 1), []string{`field "result.test"`, `"piqa" is nan`}},
		{"result missing", strings.Replace(tinySOTA, `"result":`, `"resultx":`, 1), []string{"record 1 (index 2)", `field "result"`, "missing"}},
		{"train missing", strings.Replace(tinySOTA, `"train":`, `"trainx":`, 1), []string{`field "result.train"`, "missing"}},
		{"parameters unreadable", strings.Replace(tinySOTA, `"12.5M"`, `"lots"`, 1), []string{`field "parameters"`, `"lots"`}},
		{"score null", strings.Replace(tinySOTA, `"score": 2.0`, `"score": null`, 1), []string{`field "score"`, "missing"}},
	}
	for _, c := range sotaCases {
		t.Run("sota/"+c.name, func(t *testing.T) {
			_, err := ParseSOTA(strings.NewReader(c.in), "106.json")
			checkErr(t, err, c.want)
		})
	}
}

func checkErr(t *testing.T, err error, want []string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Errorf("error %T is not a *FieldError: %v", err, err)
	}
	if !strings.HasPrefix(err.Error(), "results: ") {
		t.Errorf("error lacks the package prefix: %v", err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}

// brokenCopy writes a copy of the released folder into a temp dir with one
// file's bytes replaced by edit(original).
func brokenCopy(t *testing.T, file string, edit func([]byte) []byte) string {
	t.Helper()
	src := dataDir(t)
	dst := t.TempDir()
	for _, f := range []string{TreeFile, SOTAFile} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == file {
			b = edit(b)
		}
		if err := os.WriteFile(filepath.Join(dst, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// TestLoadBrokenCopies breaks copies of the real files the way downloads
// and hand edits break them.
func TestLoadBrokenCopies(t *testing.T) {
	cases := []struct {
		name, file string
		edit       func([]byte) []byte
		want       []string
	}{
		{"tree truncated", TreeFile, func(b []byte) []byte { return b[:len(b)/2] }, []string{"tree.json", "record 874", "truncated", "after index 884"}},
		{"tree score text", TreeFile, func(b []byte) []byte {
			return bytes.Replace(b, []byte(`"score": 1.6805375714876556`), []byte(`"score": "1.68"`), 1)
		}, []string{"tree.json", "record 2 (index 2)", `field "score"`}},
		{"sota truncated", SOTAFile, func(b []byte) []byte { return b[:len(b)-100] }, []string{"106.json", "record 106", "truncated"}},
		{"sota test csv", SOTAFile, func(b []byte) []byte {
			return bytes.Replace(b, []byte(`delta_net_hhmr,0.2355,`), []byte(`delta_net_hhmr,zero,`), 1)
		}, []string{"106.json", "record 1 (index 1735)", `field "result.test"`, `"zero"`}},
		{"sota empty", SOTAFile, func([]byte) []byte { return nil }, []string{"106.json", "empty file"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := brokenCopy(t, c.file, c.edit)
			_, err := Load(dir)
			checkErr(t, err, c.want)
			_, err = Load(filepath.Join(dir, c.file)) // the file alone
			checkErr(t, err, c.want)
		})
	}
}

func TestLoadSingleFile(t *testing.T) {
	d := dataDir(t)
	run, err := Load(filepath.Join(d, TreeFile))
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Tree) != 1772 || len(run.SOTA) != 0 {
		t.Fatalf("%d nodes, %d SOTA", len(run.Tree), len(run.SOTA))
	}
	if _, err := run.Table2(); err == nil || !strings.Contains(err.Error(), "106.json") {
		t.Errorf("Table2 without 106.json: %v", err)
	}
	if _, err := Load(filepath.Join(d, "no-such.json")); err == nil {
		t.Error("missing file: no error")
	}
}

// TestLoadURL serves the released folder (and a truncated copy) over HTTP.
func TestLoadURL(t *testing.T) {
	d := dataDir(t)
	mux := http.NewServeMux()
	mux.Handle("/asi-arch/", http.StripPrefix("/asi-arch/", http.FileServer(http.Dir(d))))
	mux.HandleFunc("/cut/tree.json", func(w http.ResponseWriter, r *http.Request) {
		f, err := os.Open(filepath.Join(d, TreeFile))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		defer f.Close()
		io.CopyN(w, f, 10000)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	run, err := Load(srv.URL + "/asi-arch/")
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Tree) != 1772 || len(run.SOTA) != 106 {
		t.Fatalf("base URL: %d nodes, %d SOTA", len(run.Tree), len(run.SOTA))
	}
	run, err = Load(srv.URL + "/asi-arch/106.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(run.SOTA) != 106 || len(run.Tree) != 0 {
		t.Fatalf("file URL: %d nodes, %d SOTA", len(run.Tree), len(run.SOTA))
	}
	if img, err := PublishedFigure(srv.URL+"/asi-arch/", "scaling.png"); err != nil || img.Bounds().Dx() != PublishedWidth {
		t.Errorf("published figure over HTTP: %v", err)
	}
	_, err = Load(srv.URL + "/cut/tree.json")
	checkErr(t, err, []string{"tree.json", "truncated"})
	_, err = Load(srv.URL + "/nowhere/")
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing URL: %v", err)
	}
}

func TestFindDataAndPublishedFigure(t *testing.T) {
	want := dataDir(t)
	got, err := FindASIArchData()
	if err != nil {
		t.Fatal(err)
	}
	ws, _ := os.Stat(want)
	gs, _ := os.Stat(got)
	if !os.SameFile(ws, gs) {
		t.Errorf("FindASIArchData = %s, want %s", got, want)
	}
	run, err := Load("")
	if err != nil || run.Source != got || len(run.SOTA) != 106 {
		t.Errorf("Load(\"\"): source %q, err %v", run.Source, err)
	}
	t.Setenv(DataEnv, "/elsewhere")
	if got, _ := FindASIArchData(); got != "/elsewhere" {
		t.Errorf("with %s set: %s", DataEnv, got)
	}
	img, err := PublishedFigure(want, "scaling.png")
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != PublishedWidth || b.Dy() != 1920*PublishedWidth/3413 {
		t.Errorf("scaling.png is %v", b)
	}
	if _, err := PublishedFigure(want, "nope.png"); err == nil {
		t.Error("missing figure: no error")
	}
}
