package cognition

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/archlab/archlab/agents"
)

// Entry is one distilled design insight of a paper, in ASI-ARCH's
// published format: five Markdown sections under upper-case JSON keys. A
// paper's file holds a JSON array of one or more entries.
type Entry struct {
	ID     string `json:"-"` // file stem and 1-based position, e.g. "arxiv.org_abs_2006.16236#1"
	Source string `json:"-"` // the file it was loaded from ("" when added in memory)

	DesignInsight               string `json:"DESIGN_INSIGHT"`                // "### DESIGN_INSIGHT_1: [a one-line insight]"
	ExperimentalTriggerPatterns string `json:"EXPERIMENTAL_TRIGGER_PATTERNS"` // when the insight applies: task and training-curve signatures
	Background                  string `json:"BACKGROUND"`                    // "**Title**: ..." then context and limitations
	AlgorithmicInnovation       string `json:"ALGORITHMIC_INNOVATION"`        // core algorithm, mechanism, formulas, cost
	ImplementationGuidance      string `json:"IMPLEMENTATION_GUIDANCE"`       // integration, parameters, pitfalls
}

// fieldNames are the JSON keys of an entry, in the published order.
var fieldNames = []string{"DESIGN_INSIGHT", "EXPERIMENTAL_TRIGGER_PATTERNS", "BACKGROUND", "ALGORITHMIC_INNOVATION", "IMPLEMENTATION_GUIDANCE"}

var (
	titleLine   = regexp.MustCompile(`\*\*Title\*\*:\s*(.+)`)
	insightHead = regexp.MustCompile(`^#*\s*DESIGN_INSIGHT[^:]*:\s*`)
)

// Title is the paper's title from the background's "**Title**:" line, or
// "" when it has none.
func (e Entry) Title() string {
	if m := titleLine.FindStringSubmatch(e.Background); m != nil {
		return strings.TrimSpace(m[1])
	}
	return ""
}

// Insight is the design insight's heading without its prefix and brackets,
// e.g. "Linearized Attention via Kernel Feature Maps for O(N) Complexity".
func (e Entry) Insight() string {
	l, _, _ := strings.Cut(strings.TrimSpace(e.DesignInsight), "\n")
	l = insightHead.ReplaceAllString(strings.TrimSpace(l), "")
	return strings.Trim(strings.TrimSpace(l), "[]")
}

// Text is the whole entry as one Markdown text, the sections in the
// published order.
func (e Entry) Text() string {
	return strings.Join([]string{e.DesignInsight, e.ExperimentalTriggerPatterns, e.Background, e.AlgorithmicInnovation, e.ImplementationGuidance}, "\n\n")
}

// snippetRunes bounds a snippet's text, so that a prompt with several
// snippets stays a few thousand tokens.
const snippetRunes = 1500

// Snippet is the entry as the roles read it: its title and insight, and
// the insight with the algorithm (cut at 1500 characters, marked "…").
func (e Entry) Snippet(score float64) agents.Snippet {
	title := e.Title()
	if in := e.Insight(); in != "" {
		if title != "" {
			title += ": "
		}
		title += in
	}
	text := []rune(e.DesignInsight + "\n\n" + e.AlgorithmicInnovation)
	if len(text) > snippetRunes {
		text = append(text[:snippetRunes], '…')
	}
	return agents.Snippet{ID: e.ID, Title: title, Text: string(text), Score: score}
}

// validate reports the first missing or empty field.
func (e Entry) validate() error {
	for i, v := range []string{e.DesignInsight, e.ExperimentalTriggerPatterns, e.Background, e.AlgorithmicInnovation, e.ImplementationGuidance} {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("field %s is missing or empty", fieldNames[i])
		}
	}
	return nil
}

// decodeEntry decodes one JSON object, naming the field that is not a
// string. Unknown keys are ignored.
func decodeEntry(raw json.RawMessage) (Entry, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return Entry{}, fmt.Errorf("not a JSON object: %w", err)
	}
	for _, f := range fieldNames {
		v, ok := m[f]
		if !ok {
			return Entry{}, fmt.Errorf("field %s is missing", f)
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return Entry{}, fmt.Errorf("field %s is not a string", f)
		}
	}
	var e Entry
	if err := json.Unmarshal(raw, &e); err != nil {
		return Entry{}, err
	}
	if err := e.validate(); err != nil {
		return Entry{}, err
	}
	return e, nil
}

// Base is a cognition base: entries and their BM25 index. It is not safe
// for concurrent use while Add runs.
type Base struct {
	entries []Entry
	idx     *bm25
}

// New returns a base holding entries (IDs are kept; empty ones become
// "entry#n").
func New(entries ...Entry) (*Base, error) {
	b := &Base{}
	if err := b.Add(entries...); err != nil {
		return nil, err
	}
	return b, nil
}

// Load reads a cognition base in ASI-ARCH's published format: path is a
// folder of *.json files (read in name order) or one such file, each a
// JSON array of entries (a single object is accepted too). A malformed
// entry is an error naming the file, the entry and the field.
func Load(path string) (*Base, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cognition: %w", err)
	}
	files := []string{path}
	if st.IsDir() {
		files, err = filepath.Glob(filepath.Join(path, "*.json"))
		if err != nil {
			return nil, fmt.Errorf("cognition: %w", err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("cognition: %s: no .json files", path)
		}
		sort.Strings(files)
	}
	b := &Base{}
	for _, f := range files {
		es, err := loadFile(f)
		if err != nil {
			return nil, err
		}
		b.entries = append(b.entries, es...)
	}
	b.reindex()
	return b, nil
}

func loadFile(path string) ([]Entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cognition: %w", err)
	}
	data = bytes.TrimSpace(data)
	var raws []json.RawMessage
	if len(data) > 0 && data[0] == '{' {
		raws = []json.RawMessage{data}
	} else if err := json.Unmarshal(data, &raws); err != nil {
		return nil, fmt.Errorf("cognition: %s: want a JSON array of entries: %w", path, err)
	}
	if len(raws) == 0 {
		return nil, fmt.Errorf("cognition: %s: no entries", path)
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var out []Entry
	for i, raw := range raws {
		e, err := decodeEntry(raw)
		if err != nil {
			return nil, fmt.Errorf("cognition: %s: entry %d: %w", path, i+1, err)
		}
		e.ID, e.Source = fmt.Sprintf("%s#%d", stem, i+1), path
		out = append(out, e)
	}
	return out, nil
}

// Add validates entries and adds them to the base (a paper distilled with
// AddPaperPrompt and ParseEntry, for instance). An entry without an ID gets
// "entry#n"; a duplicate ID is an error.
func (b *Base) Add(entries ...Entry) error {
	seen := map[string]bool{}
	for _, e := range b.entries {
		seen[e.ID] = true
	}
	for i := range entries {
		e := entries[i]
		if err := e.validate(); err != nil {
			return fmt.Errorf("cognition: add entry %d: %w", i+1, err)
		}
		if e.ID == "" {
			e.ID = fmt.Sprintf("entry#%d", len(b.entries)+1)
		}
		if seen[e.ID] {
			return fmt.Errorf("cognition: add entry %d: duplicate ID %q", i+1, e.ID)
		}
		seen[e.ID] = true
		b.entries = append(b.entries, e)
	}
	b.reindex()
	return nil
}

// Entries returns the entries in load order.
func (b *Base) Entries() []Entry { return append([]Entry(nil), b.entries...) }

// Len is the number of entries.
func (b *Base) Len() int { return len(b.entries) }

// Papers is the number of distinct source files (papers) of the entries.
func (b *Base) Papers() int {
	seen := map[string]bool{}
	for _, e := range b.entries {
		seen[e.Source] = true
	}
	return len(seen)
}

// Hit is one search result.
type Hit struct {
	Entry
	Score float64 // BM25 score, or cosine similarity for a VectorIndex
}

// Snippets converts hits to the snippets the roles read.
func Snippets(hits []Hit) []agents.Snippet {
	out := make([]agents.Snippet, len(hits))
	for i, h := range hits {
		out[i] = h.Entry.Snippet(h.Score)
	}
	return out
}

// Search returns the k entries with the highest BM25 score for query
// (k1 = 1.2, b = 0.75), best first, ties by load order; entries that share
// no term with the query are left out. A negative k returns every match.
func (b *Base) Search(query string, k int) []Hit {
	scores := b.idx.score(tokenize(query))
	var hits []Hit
	for i, s := range scores {
		if s > 0 {
			hits = append(hits, Hit{Entry: b.entries[i], Score: s})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if k >= 0 && len(hits) > k {
		hits = hits[:k]
	}
	return hits
}

func (b *Base) reindex() {
	docs := make([][]string, len(b.entries))
	for i, e := range b.entries {
		docs[i] = tokenize(e.Text())
	}
	b.idx = newBM25(docs)
}
