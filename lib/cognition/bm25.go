package cognition

import (
	"math"
	"strings"
	"unicode"
)

// BM25's parameters, the usual defaults (Robertson and Zaragoza, 2009).
const (
	bm25K1 = 1.2  // term-frequency saturation
	bm25B  = 0.75 // length normalisation
)

// bm25 is an inverted index over tokenized documents.
type bm25 struct {
	n     int
	lens  []int
	avgdl float64
	post  map[string][]posting // term -> documents holding it
}

type posting struct{ doc, tf int }

func newBM25(docs [][]string) *bm25 {
	x := &bm25{n: len(docs), lens: make([]int, len(docs)), post: map[string][]posting{}}
	total := 0
	for d, toks := range docs {
		x.lens[d] = len(toks)
		total += len(toks)
		tf := map[string]int{}
		for _, t := range toks {
			tf[t]++
		}
		for t, c := range tf {
			x.post[t] = append(x.post[t], posting{d, c})
		}
	}
	if x.n > 0 {
		x.avgdl = float64(total) / float64(x.n)
	}
	return x
}

// score returns each document's BM25 score for the query terms (each
// distinct term counted once).
func (x *bm25) score(query []string) []float64 {
	s := make([]float64, x.n)
	seen := map[string]bool{}
	for _, t := range query {
		if seen[t] {
			continue
		}
		seen[t] = true
		ps := x.post[t]
		if len(ps) == 0 {
			continue
		}
		df := float64(len(ps))
		idf := math.Log(1 + (float64(x.n)-df+0.5)/(df+0.5))
		for _, p := range ps {
			tf := float64(p.tf)
			norm := bm25K1 * (1 - bm25B + bm25B*float64(x.lens[p.doc])/x.avgdl)
			s[p.doc] += idf * tf * (bm25K1 + 1) / (tf + norm)
		}
	}
	return s
}

// stopWords are English function words and the format's own markup words,
// which carry no topic.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an and are as at be been but by can could do does for from has have
		how if in into is it its may more most not of on or our so such than that the their them then there
		these they this those through to under up use used uses using via was we were what when where which
		while who will with within without would you your also each other over both between all any can e.g i.e
		core key title none`) {
		stopWords[w] = true
	}
}

// tokenize lower-cases text, splits it at every rune that is not a letter
// or digit, drops stop words and one-letter tokens, and strips a few
// English suffixes so that "gating", "gated" and "gates" meet "gate".
func tokenize(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := words[:0]
	for _, w := range words {
		if len(w) < 2 || stopWords[w] {
			continue
		}
		out = append(out, stem(w))
	}
	return out
}

// stem strips one suffix: "ies" → "y", then "ing", "ed", "es", "s" (not
// "ss"), "e", keeping at least three letters.
func stem(w string) string {
	if strings.HasSuffix(w, "ies") && len(w) > 5 {
		return w[:len(w)-3] + "y"
	}
	for _, suf := range []string{"ing", "ed", "es", "s", "e"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			if suf == "s" && strings.HasSuffix(w, "ss") {
				return w
			}
			return w[:len(w)-len(suf)]
		}
	}
	return w
}
