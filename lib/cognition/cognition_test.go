package cognition

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// asiArchCognition is ASI-ARCH's cognition folder: $ARCHLAB_ASI_ARCH_DATA/cognition,
// else the shared data folder beside the checkout. Tests skip when absent.
func asiArchCognition(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("ARCHLAB_ASI_ARCH_DATA")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "data", "asi-arch")
	}
	p := filepath.Join(dir, "cognition")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("ASI-ARCH data not found at %s (set ARCHLAB_ASI_ARCH_DATA)", p)
	}
	return p
}

func TestLoadASIArch(t *testing.T) {
	b, err := Load(asiArchCognition(t))
	if err != nil {
		t.Fatal(err)
	}
	if b.Papers() != 98 || b.Len() != 230 {
		t.Fatalf("%d papers, %d entries; want 98 and 230", b.Papers(), b.Len())
	}
	for _, e := range b.Entries() {
		if e.Title() == "" || e.Insight() == "" || e.ID == "" {
			t.Fatalf("%s: title %q, insight %q", e.ID, e.Title(), e.Insight())
		}
	}
	hits := b.Search("delta rule gating", 3)
	if len(hits) != 3 {
		t.Fatalf("%d hits", len(hits))
	}
	found := false
	for _, h := range hits {
		t.Logf("%.2f %s %s", h.Score, h.ID, h.Snippet(h.Score).Title)
		found = found || strings.Contains(h.Title(), "Gated Delta Networks")
	}
	if !found {
		t.Fatal("Gated Delta Networks is not in the top 3 for \"delta rule gating\"")
	}
}

func entry(title, insight, body string) Entry {
	return Entry{
		DesignInsight:               "### DESIGN_INSIGHT_1: [" + insight + "]",
		ExperimentalTriggerPatterns: "**Task_Performance_Signatures**: None",
		Background:                  "**Title**: " + title + "\n\n**Historical Technical Context**: None",
		AlgorithmicInnovation:       "**Core_Algorithm**: " + body,
		ImplementationGuidance:      "**Integration_Strategy**: None",
	}
}

func TestSearch(t *testing.T) {
	b, err := New(
		entry("Gated Delta Networks", "Gating the delta rule", "A decay gate α on the delta rule state update."),
		entry("Mamba", "Selective state spaces", "Input-dependent state-space parameters; a scan."),
		entry("Hyena", "Long convolutions", "Implicit long convolutions with gating by elementwise products."),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query string
		k     int
		want  []string // titles, best first
	}{
		{"delta rule gating", 3, []string{"Gated Delta Networks", "Hyena"}},
		{"Delta RULES", 3, []string{"Gated Delta Networks"}},
		{"state space", 3, []string{"Mamba", "Gated Delta Networks"}},
		{"gated", 1, []string{"Gated Delta Networks"}},
		{"transformer", 3, nil},
		{"the of and", 3, nil},
	} {
		var got []string
		for _, h := range b.Search(tc.query, tc.k) {
			got = append(got, h.Title())
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Search(%q, %d): -want +got\n-%v\n+%v", tc.query, tc.k, tc.want, got)
		}
	}
}

// TestBM25Score pins the formula on a corpus small enough to do by hand:
// docs [a b] [b c c], query "c": N=2, df=1, idf = ln(1 + 1.5/1.5) = ln 2;
// doc 2: tf 2, dl 3, avgdl 2.5: 2·2.2 / (2 + 1.2·(0.25 + 0.75·1.2)) · ln 2.
func TestBM25Score(t *testing.T) {
	x := newBM25([][]string{{"a", "b"}, {"b", "c", "c"}})
	s := x.score([]string{"c"})
	want := 0.6931471805599453 * 2 * 2.2 / (2 + 1.2*(0.25+0.75*1.2))
	if s[0] != 0 || abs(s[1]-want) > 1e-12 {
		t.Fatalf("scores %v, want [0 %g]", s, want)
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestTokenize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"The Delta-Rule, gated!", "delta rul gat"},
		{"gates gating gated gate", "gat gat gat gat"},
		{"memories memory", "memory memory"},
		{"O(N) attention of a process", "attention process"},
		{"β-sigmoid 2x", "β sigmoid 2x"},
	} {
		if got := strings.Join(tokenize(tc.in), " "); got != tc.want {
			t.Errorf("tokenize(%q): -want +got\n-%s\n+%s", tc.in, tc.want, got)
		}
	}
}

func TestLoadMalformed(t *testing.T) {
	good := `{"DESIGN_INSIGHT":"### DESIGN_INSIGHT_1: x","EXPERIMENTAL_TRIGGER_PATTERNS":"t","BACKGROUND":"**Title**: T","ALGORITHMIC_INNOVATION":"a","IMPLEMENTATION_GUIDANCE":"g"}`
	for _, tc := range []struct{ name, content, want string }{
		{"not json", `[{"DESIGN_INSIGHT":`, "bad.json: want a JSON array"},
		{"empty array", `[]`, "bad.json: no entries"},
		{"missing field", `[` + good + `, {"DESIGN_INSIGHT":"x"}]`, "bad.json: entry 2: field EXPERIMENTAL_TRIGGER_PATTERNS is missing"},
		{"not a string", `[` + strings.Replace(good, `"a"`, `3`, 1) + `]`, "bad.json: entry 1: field ALGORITHMIC_INNOVATION is not a string"},
		{"empty field", `[` + strings.Replace(good, `"g"`, `"  "`, 1) + `]`, "bad.json: entry 1: field IMPLEMENTATION_GUIDANCE is missing or empty"},
		{"not an object", `[1]`, "bad.json: entry 1: not a JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "cognition: ") {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	if _, err := Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no .json files") {
		t.Fatalf("empty folder: %v", err)
	}
	// One file holding a single object loads too.
	f := filepath.Join(t.TempDir(), "one.json")
	if err := os.WriteFile(f, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Load(f)
	if err != nil || b.Len() != 1 || b.Entries()[0].ID != "one#1" {
		t.Fatalf("single object: %v", err)
	}
}

func TestAddPaperPromptGolden(t *testing.T) {
	got := AddPaperPrompt("Gated Delta Networks: Improving Mamba2 with Delta Rule.\nAbstract: ...")
	path := filepath.Join("testdata", "add_paper.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if got != string(want) {
		t.Fatalf("the prompt changed; run go test -update if meant:\n-want\n%s\n+got\n%s", want, got)
	}
	// The prompt's example is itself a valid entry.
	i := strings.Index(got, "Example of the format (another paper):\n")
	if _, err := ParseEntry([]byte(got[i:strings.Index(got, "The paper:")])); err != nil {
		t.Fatalf("the prompt's example does not parse: %v", err)
	}
}

func TestParseEntry(t *testing.T) {
	good := `{"DESIGN_INSIGHT":"### DESIGN_INSIGHT_1: x","EXPERIMENTAL_TRIGGER_PATTERNS":"t","BACKGROUND":"**Title**: T","ALGORITHMIC_INNOVATION":"a","IMPLEMENTATION_GUIDANCE":"g","EXTRA":"ignored"}`
	for _, tc := range []struct{ name, reply, err string }{
		{"plain", good, ""},
		{"fenced", "Here it is:\n```json\n" + good + "\n```\n", ""},
		{"no object", "I cannot read this paper.", "no JSON object"},
		{"missing field", `{"DESIGN_INSIGHT":"x"}`, "field EXPERIMENTAL_TRIGGER_PATTERNS is missing"},
		{"list field", strings.Replace(good, `"t"`, `["t"]`, 1), "field EXPERIMENTAL_TRIGGER_PATTERNS is not a string"},
		{"broken json", `{"DESIGN_INSIGHT": "x",}`, "not a JSON object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e, err := ParseEntry([]byte(tc.reply))
			switch {
			case tc.err == "" && err != nil:
				t.Fatal(err)
			case tc.err == "" && e.Title() != "T":
				t.Fatalf("title %q", e.Title())
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Fatalf("error %v, want one containing %q", err, tc.err)
			}
		})
	}
}

func TestAdd(t *testing.T) {
	b, _ := New()
	e := entry("Mamba", "Selective state spaces", "scan")
	if err := b.Add(e); err != nil {
		t.Fatal(err)
	}
	if hits := b.Search("selective", 1); len(hits) != 1 || hits[0].ID != "entry#1" {
		t.Fatalf("added entry not found: %+v", hits)
	}
	if err := b.Add(Entry{ID: "x"}); err == nil || !strings.Contains(err.Error(), "DESIGN_INSIGHT") {
		t.Fatalf("empty entry added: %v", err)
	}
	e.ID = "entry#1"
	if err := b.Add(e); err == nil || !strings.Contains(err.Error(), "duplicate") {
		t.Fatalf("duplicate ID added: %v", err)
	}
}

func TestSnippet(t *testing.T) {
	e := entry("Gated Delta Networks", "Gating the delta rule", strings.Repeat("x", 3000))
	e.ID = "p#1"
	s := Snippets([]Hit{{Entry: e, Score: 2.5}})[0]
	if s.ID != "p#1" || s.Title != "Gated Delta Networks: Gating the delta rule" || s.Score != 2.5 {
		t.Fatalf("%+v", s)
	}
	if n := len([]rune(s.Text)); n != snippetRunes+1 || !strings.HasSuffix(s.Text, "…") {
		t.Fatalf("snippet text of %d runes", n)
	}
}
