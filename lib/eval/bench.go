package eval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/archlab/archlab/lib/data"
)

// Request is one continuation to score: log p(Continuation | Context).
type Request struct {
	Context      string
	Continuation string
}

// Item is one benchmark question: its choices, and the index of the right one.
type Item struct {
	Line    int       // 1-based line in the JSONL file
	Choices []Request // for LAMBADA, the one right continuation
	Label   int       // index of the right choice
}

// Bench is a benchmark loaded from a local JSONL file.
type Bench struct {
	Name   string // the format, e.g. "piqa"
	Path   string
	Items  []Item
	Greedy bool // LAMBADA: accuracy is "every continuation token is the model's first choice"
}

// Formats lists the JSONL shapes LoadBench reads, with the fields each
// line must have (the public datasets' own field names, as on the Hugging
// Face hub and in lm-evaluation-harness):
//
//	arc_easy, arc_challenge  question, choices{text[],label[]}, answerKey  (also the original question{stem,choices[{text,label}]})
//	piqa                     goal, sol1, sol2, label (0|1)
//	hellaswag                ctx (or ctx_a, ctx_b), endings[4], label ("0".."3"), optional activity_label
//	winogrande               sentence (with one "_"), option1, option2, answer ("1"|"2")
//	boolq                    question, passage, answer (bool) (or label 0|1)
//	siqa                     context, question, answerA, answerB, answerC, label ("1".."3")
//	lambada                  text (the target is its last word)
func Formats() []string {
	return []string{"arc_easy", "arc_challenge", "piqa", "hellaswag", "winogrande", "boolq", "siqa", "lambada"}
}

// LoadBench reads a benchmark in one of Formats from a JSONL file. A line
// that is not JSON, lacks a field, has a field of the wrong type, or a label
// out of range is an error naming the file and line.
func LoadBench(format, path string) (*Bench, error) {
	parse, ok := parsers[format]
	if !ok {
		return nil, fmt.Errorf("eval: unknown benchmark format %q (have %v)", format, Formats())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	defer f.Close()
	b := &Bench{Name: format, Path: path, Greedy: format == "lambada"}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			return nil, fmt.Errorf("eval: %s:%d: bad JSON: %w", path, line, err)
		}
		it, err := parse(fields(obj))
		if err != nil {
			return nil, fmt.Errorf("eval: %s:%d: %s: %w", path, line, format, err)
		}
		if it.Label < 0 || it.Label >= len(it.Choices) {
			return nil, fmt.Errorf("eval: %s:%d: %s: label %d out of range for %d choices", path, line, format, it.Label, len(it.Choices))
		}
		it.Line = line
		b.Items = append(b.Items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval: %s:%d: %w", path, line+1, err)
	}
	if len(b.Items) == 0 {
		return nil, fmt.Errorf("eval: %s: no items", path)
	}
	return b, nil
}

// fields is one JSON object with typed getters that say what is wrong.
type fields map[string]json.RawMessage

func (f fields) has(k string) bool { _, ok := f[k]; return ok }

func (f fields) str(k string) (string, error) {
	raw, ok := f[k]
	if !ok {
		return "", fmt.Errorf("missing field %q", k)
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", fmt.Errorf("field %q is not a string", k)
	}
	return s, nil
}

func (f fields) strs(k string) ([]string, error) {
	raw, ok := f[k]
	if !ok {
		return nil, fmt.Errorf("missing field %q", k)
	}
	var s []string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("field %q is not a list of strings", k)
	}
	return s, nil
}

// index reads an integer label given as a JSON number or a numeric string.
func (f fields) index(k string) (int, error) {
	raw, ok := f[k]
	if !ok {
		return 0, fmt.Errorf("missing field %q", k)
	}
	var n int
	if err := json.Unmarshal(raw, &n); err == nil {
		return n, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("field %q is not an integer label: %s", k, raw)
}

func qa(q string) string { return "Question: " + q + "\nAnswer:" }

// choices builds Requests sharing one context, each continuation " "+choice.
func choices(ctx string, conts []string) []Request {
	out := make([]Request, len(conts))
	for i, c := range conts {
		out[i] = Request{Context: ctx, Continuation: " " + c}
	}
	return out
}

var parsers = map[string]func(fields) (Item, error){
	"arc_easy":      parseARC,
	"arc_challenge": parseARC,
	"piqa":          parsePIQA,
	"hellaswag":     parseHellaSwag,
	"winogrande":    parseWinogrande,
	"boolq":         parseBoolQ,
	"siqa":          parseSIQA,
	"lambada":       parseLAMBADA,
}

func parseARC(f fields) (Item, error) {
	key, err := f.str("answerKey")
	if err != nil {
		return Item{}, err
	}
	var q string
	var texts, labels []string
	if err := json.Unmarshal(f["question"], &q); err == nil { // Hugging Face shape
		var ch struct {
			Text  []string `json:"text"`
			Label []string `json:"label"`
		}
		raw, ok := f["choices"]
		if !ok {
			return Item{}, fmt.Errorf("missing field %q", "choices")
		}
		if err := json.Unmarshal(raw, &ch); err != nil || len(ch.Text) != len(ch.Label) || len(ch.Text) == 0 {
			return Item{}, fmt.Errorf("field %q is not {text: [...], label: [...]} of equal lengths", "choices")
		}
		texts, labels = ch.Text, ch.Label
	} else { // original ARC shape: question{stem, choices[{text,label}]}
		var oq struct {
			Stem    *string `json:"stem"`
			Choices []struct {
				Text  string `json:"text"`
				Label string `json:"label"`
			} `json:"choices"`
		}
		raw, ok := f["question"]
		if !ok {
			return Item{}, fmt.Errorf("missing field %q", "question")
		}
		if err := json.Unmarshal(raw, &oq); err != nil || oq.Stem == nil || len(oq.Choices) == 0 {
			return Item{}, fmt.Errorf("field %q is neither a string nor {stem, choices}", "question")
		}
		q = *oq.Stem
		for _, c := range oq.Choices {
			texts, labels = append(texts, c.Text), append(labels, c.Label)
		}
	}
	label := slices.Index(labels, key)
	if label < 0 {
		return Item{}, fmt.Errorf("answerKey %q is not among the choice labels %v", key, labels)
	}
	return Item{Choices: choices(qa(q), texts), Label: label}, nil
}

func parsePIQA(f fields) (Item, error) {
	goal, err := f.str("goal")
	if err != nil {
		return Item{}, err
	}
	s1, err := f.str("sol1")
	if err != nil {
		return Item{}, err
	}
	s2, err := f.str("sol2")
	if err != nil {
		return Item{}, err
	}
	label, err := f.index("label")
	if err != nil {
		return Item{}, err
	}
	return Item{Choices: choices(qa(goal), []string{s1, s2}), Label: label}, nil
}

var bracketed = regexp.MustCompile(`\[.*?\]`)

// hellaswagClean is lm-evaluation-harness's HellaSwag preprocess: WikiHow
// markup out, double spaces collapsed.
func hellaswagClean(s string) string {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, " [title]", ". ")
	s = bracketed.ReplaceAllString(s, "")
	return strings.ReplaceAll(s, "  ", " ")
}

// capitalize is Python's str.capitalize, which lm-evaluation-harness
// applies to HellaSwag's ctx_b: the first character upper case, the rest
// lower case.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + strings.ToLower(s[n:])
}

func parseHellaSwag(f fields) (Item, error) {
	var ctx string
	var err error
	if f.has("ctx_a") {
		a, err := f.str("ctx_a")
		if err != nil {
			return Item{}, err
		}
		b, err := f.str("ctx_b")
		if err != nil {
			return Item{}, err
		}
		ctx = a + " " + capitalize(b)
	} else if ctx, err = f.str("ctx"); err != nil {
		return Item{}, err
	}
	if f.has("activity_label") {
		al, err := f.str("activity_label")
		if err != nil {
			return Item{}, err
		}
		ctx = al + ": " + ctx
	}
	ends, err := f.strs("endings")
	if err != nil {
		return Item{}, err
	}
	if len(ends) < 2 {
		return Item{}, fmt.Errorf("field %q has %d endings, want at least 2", "endings", len(ends))
	}
	for i := range ends {
		ends[i] = hellaswagClean(ends[i])
	}
	label, err := f.index("label")
	if err != nil {
		return Item{}, err
	}
	return Item{Choices: choices(hellaswagClean(ctx), ends), Label: label}, nil
}

// parseWinogrande uses lm-evaluation-harness's partial scoring: each option
// fills the blank, and the shared rest of the sentence after the blank is
// the continuation scored.
func parseWinogrande(f fields) (Item, error) {
	s, err := f.str("sentence")
	if err != nil {
		return Item{}, err
	}
	i := strings.Index(s, "_")
	if i < 0 {
		return Item{}, fmt.Errorf("field %q has no blank \"_\"", "sentence")
	}
	o1, err := f.str("option1")
	if err != nil {
		return Item{}, err
	}
	o2, err := f.str("option2")
	if err != nil {
		return Item{}, err
	}
	ans, err := f.index("answer")
	if err != nil {
		return Item{}, err
	}
	rest := " " + strings.TrimSpace(s[i+1:])
	return Item{Choices: []Request{{s[:i] + o1, rest}, {s[:i] + o2, rest}}, Label: ans - 1}, nil
}

func parseBoolQ(f fields) (Item, error) {
	q, err := f.str("question")
	if err != nil {
		return Item{}, err
	}
	p, err := f.str("passage")
	if err != nil {
		return Item{}, err
	}
	label := 0
	if raw, ok := f["answer"]; ok {
		var yes bool
		if err := json.Unmarshal(raw, &yes); err != nil {
			return Item{}, fmt.Errorf("field %q is not a boolean", "answer")
		}
		if yes {
			label = 1
		}
	} else if label, err = f.index("label"); err != nil {
		return Item{}, fmt.Errorf("missing field %q (or %q)", "answer", "label")
	}
	return Item{Choices: choices(p+"\nQuestion: "+q+"?\nAnswer:", []string{"no", "yes"}), Label: label}, nil
}

func parseSIQA(f fields) (Item, error) {
	c, err := f.str("context")
	if err != nil {
		return Item{}, err
	}
	q, err := f.str("question")
	if err != nil {
		return Item{}, err
	}
	var ans []string
	for _, k := range []string{"answerA", "answerB", "answerC"} {
		a, err := f.str(k)
		if err != nil {
			return Item{}, err
		}
		ans = append(ans, a)
	}
	label, err := f.index("label")
	if err != nil {
		return Item{}, err
	}
	return Item{Choices: choices("Q: "+c+" "+q+"\nA:", ans), Label: label - 1}, nil
}

func parseLAMBADA(f fields) (Item, error) {
	t, err := f.str("text")
	if err != nil {
		return Item{}, err
	}
	t = strings.TrimRight(t, " \t\r\n")
	i := strings.LastIndex(t, " ") // lm-evaluation-harness splits on ' ' only
	if i <= 0 {
		return Item{}, fmt.Errorf("field %q has no context before its last word", "text")
	}
	return Item{Choices: []Request{{t[:i], " " + t[i+1:]}}}, nil
}

// ScoreConfig sets how a benchmark is run through a Model.
type ScoreConfig struct {
	BatchSize int // sequences per Model.Score call, e.g. 8; 0 means 8
	MaxLen    int // longest sequence (positions) the model takes, e.g. 512; longer ones lose tokens on the left; 0 = no limit
	Limit     int // score only the first Limit items; 0 = all
	// FixedLen pads every batch to exactly MaxLen positions, for a model
	// traced once for one sequence length; otherwise a batch is as long as
	// its longest sequence.
	FixedLen bool
}

// ItemScore is how a model did on one item.
type ItemScore struct {
	Line     int
	Label    int
	Pred     int       // choice with the highest summed log-likelihood (first on ties)
	PredNorm int       // choice with the highest log-likelihood per character of the choice (see ScoreBench)
	LogLik   []float64 // summed log p(continuation | context) per choice, nats
	Greedy   []bool    // per choice: every continuation token was the model's first choice
}

// BenchResult is a model's score on a benchmark.
type BenchResult struct {
	Name       string  // the format, e.g. "piqa"
	N          int     // items scored
	Acc        float64 // share of items whose Pred is right; for LAMBADA, whose target is greedy-decoded
	AccNorm    float64 // share whose PredNorm is right (lm-evaluation-harness's acc_norm); = Acc for LAMBADA
	Perplexity float64 // LAMBADA only: exp(-mean over items of the target's summed log-likelihood), as lm-evaluation-harness reports it; 0 otherwise
	Items      []ItemScore
}

// normLen is what acc_norm divides a choice's log-likelihood by: as in
// lm-evaluation-harness, the choice's length in characters, without the
// space that joins it to the context.
func normLen(cont string) float64 {
	return float64(max(utf8.RuneCountInString(strings.TrimPrefix(cont, " ")), 1))
}

// request is one tokenised sequence: inputs/targets with the scored span at the end.
type request struct {
	item, choice int
	tokens       []int32 // context+continuation, already cut to MaxLen+1
	ncont        int     // the last ncont targets are scored
}

// ScoreBench runs every choice of every item through m and scores it by
// log-likelihood: a choice's context and continuation are tokenised
// separately (as lm-evaluation-harness does) and concatenated, and the
// continuation's tokens' log probabilities are summed. Accuracy picks the
// highest sum; length-normalised accuracy (lm-evaluation-harness's
// acc_norm) the highest sum per character of the choice, not counting the
// space that joins it to the context.
func ScoreBench(ctx context.Context, m Model, tok data.Tokenizer, b *Bench, cfg ScoreConfig) (BenchResult, error) {
	bs := cfg.BatchSize
	if bs <= 0 {
		bs = 8
	}
	if cfg.FixedLen && cfg.MaxLen <= 0 {
		return BenchResult{}, fmt.Errorf("eval: %s: FixedLen needs MaxLen", b.Name)
	}
	items := b.Items
	if cfg.Limit > 0 && cfg.Limit < len(items) {
		items = items[:cfg.Limit]
	}
	if len(items) == 0 {
		return BenchResult{}, fmt.Errorf("eval: %s: no items to score", b.Name)
	}
	res := BenchResult{Name: b.Name, N: len(items), Items: make([]ItemScore, len(items))}
	var reqs []request
	for i, it := range items {
		res.Items[i] = ItemScore{Line: it.Line, Label: it.Label, LogLik: make([]float64, len(it.Choices)), Greedy: make([]bool, len(it.Choices))}
		for j, c := range it.Choices {
			cx, ct := tok.Encode(c.Context), tok.Encode(c.Continuation)
			if len(cx) == 0 || len(ct) == 0 {
				return res, fmt.Errorf("eval: %s:%d: choice %d: empty context or continuation after tokenising", b.Path, it.Line, j)
			}
			seq := make([]int32, 0, len(cx)+len(ct))
			for _, id := range append(cx, ct...) {
				seq = append(seq, int32(id))
			}
			if cfg.MaxLen > 0 && len(seq) > cfg.MaxLen+1 {
				if len(ct) > cfg.MaxLen {
					return res, fmt.Errorf("eval: %s:%d: choice %d: continuation of %d tokens exceeds MaxLen %d", b.Path, it.Line, j, len(ct), cfg.MaxLen)
				}
				seq = seq[len(seq)-cfg.MaxLen-1:]
			}
			reqs = append(reqs, request{item: i, choice: j, tokens: seq, ncont: len(ct)})
		}
	}
	// Longest first, so each batch pads little; the order does not change
	// any score (rows are independent).
	order := make([]int, len(reqs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(reqs[b].tokens) - len(reqs[a].tokens) })
	var logp []float32
	var top1 []bool
	for lo := 0; lo < len(order); lo += bs {
		rows := order[lo:min(lo+bs, len(order))]
		T := len(reqs[rows[0]].tokens) - 1
		if cfg.FixedLen {
			T = cfg.MaxLen
		}
		batch := data.NewBatch(len(rows), T)
		for r, ri := range rows {
			q := reqs[ri]
			n := len(q.tokens) - 1
			in, tg := batch.Inputs[r*T:(r+1)*T], batch.Targets[r*T:(r+1)*T]
			copy(in, q.tokens[:n])
			for t := range tg {
				tg[t] = data.IgnoreIndex
			}
			copy(tg[n-q.ncont:n], q.tokens[n-q.ncont+1:])
		}
		logp, top1 = grow(logp, top1, len(rows)*T)
		if err := m.Score(ctx, batch, logp, top1); err != nil {
			return res, fmt.Errorf("eval: %s: %w", b.Name, err)
		}
		for r, ri := range rows {
			q := reqs[ri]
			n := len(q.tokens) - 1
			sum, greedy := 0.0, true
			for t := r*T + n - q.ncont; t < r*T+n; t++ {
				sum += float64(logp[t])
				greedy = greedy && top1[t]
			}
			if math.IsNaN(sum) {
				return res, fmt.Errorf("eval: %s:%d: model returned NaN log probabilities", b.Path, items[q.item].Line)
			}
			res.Items[q.item].LogLik[q.choice] = sum
			res.Items[q.item].Greedy[q.choice] = greedy
		}
	}
	var hit, hitNorm, llSum float64
	for i := range res.Items {
		s := &res.Items[i]
		it := items[i]
		s.Pred, s.PredNorm = 0, 0
		for j := range s.LogLik {
			if s.LogLik[j] > s.LogLik[s.Pred] {
				s.Pred = j
			}
			if s.LogLik[j]/normLen(it.Choices[j].Continuation) > s.LogLik[s.PredNorm]/normLen(it.Choices[s.PredNorm].Continuation) {
				s.PredNorm = j
			}
		}
		if b.Greedy {
			if s.Greedy[s.Label] {
				hit++
			}
			llSum += s.LogLik[s.Label]
			continue
		}
		if s.Pred == s.Label {
			hit++
		}
		if s.PredNorm == s.Label {
			hitNorm++
		}
	}
	n := float64(len(items))
	res.Acc, res.AccNorm = hit/n, hitNorm/n
	if b.Greedy {
		res.AccNorm = res.Acc
		res.Perplexity = math.Exp(-llSum / n)
	}
	return res, nil
}

// ScoreDir scores every benchmark found in dir as FORMAT.jsonl (for
// example arc_easy.jsonl, piqa.jsonl; see Formats), in the order of
// Formats: the table ASI-ARCH reports, for the sets a user has. Formats
// without a file are left out (not scored as zero); no file at all is an
// error.
func ScoreDir(ctx context.Context, m Model, tok data.Tokenizer, dir string, cfg ScoreConfig) ([]BenchResult, error) {
	var out []BenchResult
	for _, f := range Formats() {
		p := filepath.Join(dir, f+".jsonl")
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		b, err := LoadBench(f, p)
		if err != nil {
			return out, err
		}
		r, err := ScoreBench(ctx, m, tok, b, cfg)
		if err != nil {
			return out, err
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("eval: no benchmark files (%s.jsonl) in %s", strings.Join(Formats(), ".jsonl, "), dir)
	}
	return out, nil
}
