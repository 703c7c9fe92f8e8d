package eval

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/archlab/archlab/lib/data"
)

var benchFiles = map[string]string{
	"arc_easy":      "testdata/arc.jsonl",
	"arc_challenge": "testdata/arc.jsonl",
	"piqa":          "testdata/piqa.jsonl",
	"hellaswag":     "testdata/hellaswag.jsonl",
	"winogrande":    "testdata/winogrande.jsonl",
	"boolq":         "testdata/boolq.jsonl",
	"siqa":          "testdata/siqa.jsonl",
	"lambada":       "testdata/lambada.jsonl",
}

// The prompts are lm-evaluation-harness's for each task.
func TestLoadBenchPrompts(t *testing.T) {
	tests := []struct {
		format   string
		items    int
		item     int // which item to look at
		choices  int
		label    int
		line     int
		ctx      string // of choice 0
		cont     string // of choice 0
		lastCont string // of the last choice, when it differs in interest
	}{
		{"arc_easy", 3, 0, 4, 1, 1, "Question: Which gas do plants take in for photosynthesis?\nAnswer:", " oxygen", " helium"},
		{"arc_challenge", 3, 1, 3, 0, 2, "Question: What melts ice fastest?\nAnswer:", " salt", " sugar"},
		{"arc_easy", 3, 2, 3, 0, 4, "Question: The sun is a\nAnswer:", " star", " moon"}, // blank line 3 skipped
		{"piqa", 2, 1, 2, 1, 2, "Question: Dry wet shoes\nAnswer:", " put them in the freezer", " stuff them with newspaper"},
		{"hellaswag", 2, 0, 4, 3, 1,
			"Removing ice from car: Then, the man writes over the snow covering the window of a car, and a woman wearing winter clothes smiles. Then",
			" , the man adds wax to the windshield and cuts it.", " , the man continues removing the snow on his car."},
		{"hellaswag", 2, 1, 4, 2, 2, "A woman is outside with a bucket and a dog.. She", " rinses the bucket off with soap.", " gets into a bath tub with the dog."},
		{"winogrande", 2, 1, 2, 1, 2, "The trophy doesn't fit into the suitcase because the trophy", " is too small.", " is too small."},
		{"boolq", 2, 0, 2, 1, 1, "The Sun is the star at the center of the Solar System.\nQuestion: is the sun a star?\nAnswer:", " no", " yes"},
		{"siqa", 2, 0, 3, 2, 1, "Q: Tracy didn't go home that evening and resisted Riley's attacks. What does Tracy need to do before this?\nA:", " make a new plan", " Find somewhere to go"},
		{"lambada", 3, 0, 1, 0, 1, "the cat sat on the mat and the cat sat on the", " mat", " mat"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.format, tt.item), func(t *testing.T) {
			b, err := LoadBench(tt.format, benchFiles[tt.format])
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Items) != tt.items || b.Greedy != (tt.format == "lambada") {
				t.Fatalf("%d items (greedy %v), want %d", len(b.Items), b.Greedy, tt.items)
			}
			it := b.Items[tt.item]
			if len(it.Choices) != tt.choices || it.Label != tt.label || it.Line != tt.line {
				t.Errorf("%d choices, label %d, line %d; want %d, %d, %d", len(it.Choices), it.Label, it.Line, tt.choices, tt.label, tt.line)
			}
			if c := it.Choices[0]; c.Context != tt.ctx || c.Continuation != tt.cont {
				t.Errorf("choice 0:\n got %q + %q\nwant %q + %q", c.Context, c.Continuation, tt.ctx, tt.cont)
			}
			if c := it.Choices[len(it.Choices)-1]; c.Continuation != tt.lastCont {
				t.Errorf("last choice continuation %q, want %q", c.Continuation, tt.lastCont)
			}
		})
	}
}

func TestLoadBenchMalformed(t *testing.T) {
	tests := []struct {
		format, content, want string
	}{
		{"piqa", `{"goal":"g","sol1":"a","sol2":"b","label":0}` + "\n" + `{"goal":"g","sol1":"a","sol2":"b","label":`, "bad.jsonl:2: bad JSON"},
		{"piqa", `{"goal":"g","sol1":"a","label":0}`, `bad.jsonl:1: piqa: missing field "sol2"`},
		{"piqa", `{"goal":"g","sol1":"a","sol2":"b","label":2}`, "bad.jsonl:1: piqa: label 2 out of range for 2 choices"},
		{"piqa", `{"goal":"g","sol1":"a","sol2":"b","label":"x"}`, `bad.jsonl:1: piqa: field "label" is not an integer label`},
		{"arc_easy", `{"question":"q","choices":{"text":["a","b"],"label":["A","B"]},"answerKey":"C"}`, `bad.jsonl:1: arc_easy: answerKey "C" is not among the choice labels [A B]`},
		{"arc_easy", `{"question":"q","choices":{"text":["a"],"label":["A","B"]},"answerKey":"A"}`, `field "choices" is not {text: [...], label: [...]}`},
		{"arc_challenge", `{"question":7,"answerKey":"A"}`, `field "question" is neither a string nor {stem, choices}`},
		{"hellaswag", `{"ctx":"c","endings":"one ending","label":"0"}`, `bad.jsonl:1: hellaswag: field "endings" is not a list of strings`},
		{"hellaswag", `{"ctx":"c","endings":["a","b"],"label":"5"}`, "label 5 out of range"},
		{"winogrande", `{"sentence":"no blank here","option1":"a","option2":"b","answer":"1"}`, `field "sentence" has no blank`},
		{"winogrande", `{"sentence":"a _ b","option1":"a","option2":"b","answer":"3"}`, "label 2 out of range"},
		{"boolq", `{"question":"q","passage":"p","answer":"yes"}`, `field "answer" is not a boolean`},
		{"boolq", `{"question":"q","passage":"p"}`, `missing field "answer" (or "label")`},
		{"siqa", `{"context":"c","question":"q","answerA":"a","answerB":"b","label":"1"}`, `missing field "answerC"`},
		{"lambada", "\n\n" + `{"text":"oneword"}`, `bad.jsonl:3: lambada: field "text" has no context before its last word`},
		{"lambada", `{"body":"a b"}`, `bad.jsonl:1: lambada: missing field "text"`},
		{"lambada", "", "bad.jsonl: no items"},
	}
	for _, tt := range tests {
		t.Run(tt.format+"/"+tt.want, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "bad.jsonl")
			if err := os.WriteFile(p, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadBench(tt.format, p)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "eval: ") {
				t.Errorf("error = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := LoadBench("mmlu", "x.jsonl"); err == nil || !strings.Contains(err.Error(), `"mmlu"`) {
		t.Errorf("unknown format error = %v", err)
	}
	if _, err := LoadBench("piqa", "testdata/missing.jsonl"); err == nil || !strings.Contains(err.Error(), "missing.jsonl") {
		t.Errorf("missing file error = %v", err)
	}
}

// trainText is what the bigram double learns from: enough English that the
// choices get different scores.
const trainText = `The Sun is the star at the center of the Solar System. Plants take in carbon dioxide.
To open a jar, twist the lid. Stuff wet shoes with newspaper. The man continues removing the snow on his car.
The cat sat on the mat. In the beginning was the word. Sarah got the harder cases. aaaa aaaa.`

// Every score is the bigram log-likelihood recomputed from the strings,
// whatever the batch size, padding and truncation.
func TestScoreBenchExact(t *testing.T) {
	m := newBigram(trainText)
	tok := data.Bytes()
	ctx := context.Background()
	for _, format := range Formats() {
		b, err := LoadBench(format, benchFiles[format])
		if err != nil {
			t.Fatal(err)
		}
		for _, cfg := range []ScoreConfig{{BatchSize: 1}, {BatchSize: 3}, {}, {BatchSize: 100, MaxLen: 200}, {BatchSize: 4, MaxLen: 300, FixedLen: true}} {
			m.maxB = 0
			res, err := ScoreBench(ctx, m, tok, b, cfg)
			if err != nil {
				t.Fatalf("%s %+v: %v", format, cfg, err)
			}
			if want := max(cfg.BatchSize, 0); want > 0 && m.maxB > want || want == 0 && m.maxB > 8 {
				t.Errorf("%s %+v: a batch of %d rows", format, cfg, m.maxB)
			}
			var hit, hitNorm, ll float64
			for i, it := range b.Items {
				s := res.Items[i]
				pred, predNorm := 0, 0
				var best, bestNorm float64
				for j, c := range it.Choices {
					want, greedy := m.llOf(c.Context, c.Continuation)
					const tol = 1e-9 // float32 values summed in float64, same order
					if math.Abs(s.LogLik[j]-want) > tol || s.Greedy[j] != greedy {
						t.Errorf("%s %+v line %d choice %d: ll %v greedy %v, want %v %v", format, cfg, it.Line, j, s.LogLik[j], s.Greedy[j], want, greedy)
					}
					norm := want / float64(utf8.RuneCountInString(strings.TrimPrefix(c.Continuation, " ")))
					if j == 0 || want > best {
						pred, best = j, want
					}
					if j == 0 || norm > bestNorm {
						predNorm, bestNorm = j, norm
					}
				}
				if s.Pred != pred || s.PredNorm != predNorm || s.Label != it.Label || s.Line != it.Line {
					t.Errorf("%s line %d: pred %d/%d, want %d/%d", format, it.Line, s.Pred, s.PredNorm, pred, predNorm)
				}
				switch {
				case b.Greedy && s.Greedy[it.Label]: // LAMBADA: the target decoded greedily
					hit++
				case !b.Greedy && pred == it.Label:
					hit++
				}
				if predNorm == it.Label {
					hitNorm++
				}
				ll += s.LogLik[it.Label]
			}
			n := float64(len(b.Items))
			if b.Greedy {
				if res.Acc != hit/n || res.AccNorm != res.Acc || math.Abs(res.Perplexity-math.Exp(-ll/n)) > 1e-9*res.Perplexity {
					t.Errorf("%s: acc %v ppl %v, want %v %v", format, res.Acc, res.Perplexity, hit/n, math.Exp(-ll/n))
				}
			} else if res.Acc != hit/n || res.AccNorm != hitNorm/n || res.Perplexity != 0 || res.N != len(b.Items) {
				t.Errorf("%s: %+v, want acc %v acc_norm %v", format, res, hit/n, hitNorm/n)
			}
		}
	}
}

func TestScoreBenchMaxLen(t *testing.T) {
	b, err := LoadBench("boolq", "testdata/boolq.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	longest := 0
	inner := newBigram(trainText)
	m := ModelFunc(func(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error {
		longest = max(longest, b.T)
		return inner.Score(ctx, b, logp, top1)
	})
	if _, err := ScoreBench(context.Background(), m, data.Bytes(), b, ScoreConfig{MaxLen: 16}); err != nil {
		t.Fatal(err)
	}
	if longest != 16 {
		t.Errorf("model saw T=%d, want MaxLen 16", longest)
	}
	lam, _ := LoadBench("lambada", "testdata/lambada.jsonl")
	_, err = ScoreBench(context.Background(), m, data.Bytes(), lam, ScoreConfig{MaxLen: 3})
	if err == nil || !strings.Contains(err.Error(), "lambada.jsonl:1: choice 0: continuation of 4 tokens exceeds MaxLen 3") {
		t.Errorf("error = %v", err)
	}
	shortest := 1 << 30
	fixed := ModelFunc(func(ctx context.Context, b *data.Batch, logp []float32, top1 []bool) error {
		shortest, longest = min(shortest, b.T), max(longest, b.T)
		return inner.Score(ctx, b, logp, top1)
	})
	if _, err := ScoreBench(context.Background(), fixed, data.Bytes(), b, ScoreConfig{MaxLen: 40, FixedLen: true}); err != nil || shortest != 40 || longest != 40 {
		t.Errorf("FixedLen: batches of T in [%d, %d], want 40 (%v)", shortest, longest, err)
	}
	if _, err := ScoreBench(context.Background(), fixed, data.Bytes(), b, ScoreConfig{FixedLen: true}); err == nil {
		t.Error("FixedLen without MaxLen accepted")
	}
	res, err := ScoreBench(context.Background(), m, data.Bytes(), lam, ScoreConfig{Limit: 2})
	if err != nil || res.N != 2 || len(res.Items) != 2 {
		t.Errorf("Limit 2: %d items, %v", res.N, err)
	}
}

func TestScoreBenchGPT2(t *testing.T) {
	tok, err := data.GPT2()
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadBench("piqa", "testdata/piqa.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	// The uniform model gives each choice -ln(V) per token, so the shorter
	// continuation in tokens wins: an exact check that context and
	// continuation are tokenised apart and only the continuation is scored.
	res, err := ScoreBench(context.Background(), uniform{tok.VocabSize()}, tok, b, ScoreConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for i, it := range b.Items {
		for j, c := range it.Choices {
			want := -float64(len(tok.Encode(c.Continuation))) * float64(float32(math.Log(50257)))
			if got := res.Items[i].LogLik[j]; math.Abs(got-want) > 1e-9 {
				t.Errorf("item %d choice %d: ll %v, want %v", i, j, got, want)
			}
		}
	}
}

// likesA is a model that puts half its mass on 'a' whatever the context.
var likesA = ModelFunc(func(_ context.Context, b *data.Batch, logp []float32, top1 []bool) error {
	for i, tg := range b.Targets {
		top1[i] = tg == 'a'
		logp[i] = float32(math.Log(0.5 / 255))
		if tg == 'a' {
			logp[i] = float32(math.Log(0.5))
		}
	}
	return nil
})

func ExampleScoreBench() {
	dir, _ := os.MkdirTemp("", "piqa")
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "piqa.jsonl")
	os.WriteFile(p, []byte(`{"goal": "g", "sol1": "aaaaaa", "sol2": "bb", "label": 0}`+"\n"), 0o644)

	b, err := LoadBench("piqa", p)
	if err != nil {
		panic(err)
	}
	res, err := ScoreBench(context.Background(), likesA, data.Bytes(), b, ScoreConfig{})
	if err != nil {
		panic(err)
	}
	// " aaaaaa": ln(0.5/255) + 6 ln 0.5; " bb": 3 ln(0.5/255).
	fmt.Printf("log-likelihoods %.3f %.3f\n", res.Items[0].LogLik[0], res.Items[0].LogLik[1])
	fmt.Printf("acc %.0f acc_norm %.0f\n", res.Acc, res.AccNorm)
	// Output:
	// log-likelihoods -10.393 -18.703
	// acc 1 acc_norm 1
}

func TestScoreBenchLambadaGreedy(t *testing.T) {
	lam, err := LoadBench("lambada", "testdata/lambada.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	// A model sure of every target except 'g': hits where the last word has no 'g'.
	m := ModelFunc(func(_ context.Context, b *data.Batch, logp []float32, top1 []bool) error {
		for i, tg := range b.Targets {
			top1[i], logp[i] = tg != 'g', -1
		}
		return nil
	})
	res, err := ScoreBench(context.Background(), m, data.Bytes(), lam, ScoreConfig{})
	if err != nil {
		t.Fatal(err)
	}
	// Targets " mat", " good", " aaaa": 4+5+5 tokens at -1 each.
	if res.Acc != 2.0/3 || res.AccNorm != res.Acc || math.Abs(res.Perplexity-math.Exp(14.0/3)) > 1e-9 {
		t.Errorf("acc %v ppl %v, want 2/3 and e^(14/3)", res.Acc, res.Perplexity)
	}
}

func TestScoreDir(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"piqa", "boolq", "lambada"} {
		b, err := os.ReadFile(benchFiles[f])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f+".jsonl"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m := newBigram(trainText)
	res, err := ScoreDir(context.Background(), m, data.Bytes(), dir, ScoreConfig{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range res {
		names = append(names, r.Name)
	}
	if got := strings.Join(names, ","); got != "piqa,boolq,lambada" {
		t.Errorf("scored %s, want piqa,boolq,lambada in Formats order", got)
	}
	if _, err := ScoreDir(context.Background(), m, data.Bytes(), t.TempDir(), ScoreConfig{}); err == nil || !strings.Contains(err.Error(), "no benchmark files") {
		t.Errorf("empty dir: error = %v", err)
	}
	os.WriteFile(filepath.Join(dir, "siqa.jsonl"), []byte("{bad\n"), 0o644)
	if _, err := ScoreDir(context.Background(), m, data.Bytes(), dir, ScoreConfig{}); err == nil || !strings.Contains(err.Error(), "siqa.jsonl:1: bad JSON") {
		t.Errorf("bad file: error = %v", err)
	}
}

func TestHellaSwagHelpers(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"then", "Then"}, {"the Man", "The man"}, {"", ""}, {"éTÉ", "Été"},
	} {
		if got := capitalize(tt.in); got != tt.want {
			t.Errorf("capitalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{" He waves. [title] Then [step] he  goes ", "He waves.. Then he goes"},
		{"[header] How to x", " How to x"},
	} {
		if got := hellaswagClean(tt.in); got != tt.want {
			t.Errorf("hellaswagClean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
