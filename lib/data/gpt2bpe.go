package data

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bpe is GPT-2's byte-pair encoder with a hand-written pre-tokeniser. It
// produces the same ids as tiktoken-go (our reference, checked on Opticks,
// Go sources and a fuzz test) at several times its speed: tiktoken-go
// spends most of its time in a backtracking regexp (regexp2) and in
// converting the text to runes.
type bpe struct {
	ranks   map[string]int // byte sequence → id
	decoder []string       // id → byte sequence
}

func newBPE(ranks map[string]int) *bpe {
	dec := make([]string, gpt2Vocab)
	for s, id := range ranks {
		dec[id] = s
	}
	dec[gpt2EOT] = "<|endoftext|>"
	return &bpe{ranks: ranks, decoder: dec}
}

func (e *bpe) encode(text string) []int {
	out := make([]int, 0, len(text)/4+1)
	for i := 0; i < len(text); {
		j := pieceEnd(text, i)
		out = e.encodePiece(text[i:j], out)
		i = j
	}
	return out
}

func (e *bpe) decode(ids []int) string {
	var sb strings.Builder
	for _, id := range ids {
		sb.WriteString(e.decoder[id])
	}
	return sb.String()
}

// encodePiece appends the ids of one pre-token: tiktoken's byte-pair merge,
// lowest rank first, leftmost on ties.
func (e *bpe) encodePiece(p string, dst []int) []int {
	if id, ok := e.ranks[p]; ok {
		return append(dst, id)
	}
	type part struct{ start, rank int }
	var buf [64]part
	parts := buf[:0]
	for i := 0; i <= len(p); i++ {
		parts = append(parts, part{i, math.MaxInt})
	}
	rank := func(i, skip int) int { // rank of parts i..i+skip+1 merged
		if i+skip+2 < len(parts) {
			if r, ok := e.ranks[p[parts[i].start:parts[i+skip+2].start]]; ok {
				return r
			}
		}
		return math.MaxInt
	}
	for i := 0; i < len(parts)-2; i++ {
		parts[i].rank = rank(i, 0)
	}
	for len(parts) > 1 {
		min, at := math.MaxInt, -1
		for i := 0; i < len(parts)-1; i++ {
			if parts[i].rank < min {
				min, at = parts[i].rank, i
			}
		}
		if at < 0 {
			break
		}
		parts[at].rank = rank(at, 1)
		if at > 0 {
			parts[at-1].rank = rank(at-1, 1)
		}
		parts = append(parts[:at+1], parts[at+2:]...)
	}
	for i := 0; i+1 < len(parts); i++ {
		dst = append(dst, e.ranks[p[parts[i].start:parts[i+1].start]])
	}
	return dst
}

// pieceEnd returns the end of the pre-token that starts at i: the first
// alternative of r50k_base's pattern that matches there, as a backtracking
// regexp engine takes it,
//
//	's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//
// Bytes that are not UTF-8 count as one-byte symbols (they are kept, so
// Decode(Encode(s)) == s for any s).
func pieceEnd(s string, i int) int {
	r, w := utf8.DecodeRuneInString(s[i:])
	if r == '\'' {
		rest := s[i+1:]
		for _, c := range [...]string{"s", "t", "re", "ve", "m", "ll", "d"} {
			if strings.HasPrefix(rest, c) {
				return i + 1 + len(c)
			}
		}
	}
	j, rj, wj := i, r, w // ` ?`: a leading space joins a following run
	if r == ' ' && i+1 < len(s) {
		rj, wj = utf8.DecodeRuneInString(s[i+1:])
		j = i + 1
		if isSpace(rj) {
			j, rj, wj = i, r, w
		}
	}
	switch {
	case unicode.IsLetter(rj):
		return runEnd(s, j+wj, unicode.IsLetter)
	case unicode.IsNumber(rj):
		return runEnd(s, j+wj, unicode.IsNumber)
	case !isSpace(rj):
		return runEnd(s, j+wj, isOther)
	}
	// r is white space: \s+(?!\S) leaves the last space of a run that
	// precedes a non-space for the next token; \s+ takes a lone one.
	end, last := i, i
	for end < len(s) {
		r, w := utf8.DecodeRuneInString(s[end:])
		if !isSpace(r) {
			break
		}
		last, end = end, end+w
	}
	if end < len(s) && last > i {
		return last
	}
	return end
}

func runEnd(s string, i int, in func(rune) bool) int {
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !in(r) {
			break
		}
		i += w
	}
	return i
}

// isSpace is regexp2's \s: Unicode White_Space, as unicode.IsSpace.
func isSpace(r rune) bool { return unicode.IsSpace(r) }

func isOther(r rune) bool { return !isSpace(r) && !unicode.IsLetter(r) && !unicode.IsNumber(r) }
