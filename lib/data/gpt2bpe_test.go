package data

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
	tiktoken "github.com/pkoukk/tiktoken-go"
)

// reference is tiktoken-go's own r50k_base encoder, built from the same
// ranks (without tiktoken.SetBpeLoader, a package global), which our
// encoder must match id for id on valid UTF-8.
func reference(t testing.TB) *tiktoken.Tiktoken {
	t.Helper()
	tk, err := referenceOnce()
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

var referenceOnce = sync.OnceValues(func() (*tiktoken.Tiktoken, error) {
	ranks, err := gpt2Ranks()
	if err != nil {
		return nil, err
	}
	special := map[string]int{"<|endoftext|>": gpt2EOT}
	core, err := tiktoken.NewCoreBPE(ranks, special, gpt2Pattern)
	if err != nil {
		return nil, err
	}
	enc := &tiktoken.Encoding{Name: "r50k_base", PatStr: gpt2Pattern, MergeableRanks: ranks, SpecialTokens: special, ExplicitNVocab: gpt2Vocab}
	return tiktoken.NewTiktoken(core, enc, map[string]any{"<|endoftext|>": true}), nil
})

// The pre-tokeniser's character classes are regexp2's, for every rune.
func TestCharClassesMatchRegexp2(t *testing.T) {
	classes := []struct {
		re string
		in func(rune) bool
	}{
		{`\s`, isSpace},
		{`\p{L}`, unicode.IsLetter},
		{`\p{N}`, unicode.IsNumber},
	}
	var sb strings.Builder
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if utf8.ValidRune(r) {
			sb.WriteRune(r)
		}
	}
	all := []rune(sb.String())
	for _, c := range classes {
		re := regexp2.MustCompile(c.re, regexp2.None)
		var got []rune
		m, err := re.FindStringMatch(sb.String())
		for ; m != nil && err == nil; m, err = re.FindNextMatch(m) {
			got = append(got, []rune(m.String())...)
		}
		if err != nil {
			t.Fatal(err)
		}
		var want []rune
		for _, r := range all {
			if c.in(r) {
				want = append(want, r)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: regexp2 matches %d runes, ours %d", c.re, len(got), len(want))
		}
	}
}

var bpeCases = []string{
	"", " ", "  ", "   x", "\n", "\n\n", " \n x", "a  b", "a \t\nb", "x   ", "Hello world",
	"don't I'll we've they're she'd I'm it's 's 'S '' ''s", "DON'T",
	"12345 67.89 ½ ², ³", " 1a a1 _x x_", "foo(bar) -> {baz}; // ok!!", "  ...  ?!",
	"naïve café 北京市 東京 😀😀 🙂x", "\u00a0nbsp\u2003em\u3000ideographic", "\u0301combining e\u0301",
	"tabs\tand\ttabs\t\t\tend\t", "\r\n\r\nwindows\r\n", strings.Repeat("=", 300), strings.Repeat(" ", 70) + "x",
	"<|endoftext|> is text here",
}

func TestBPEMatchesTiktoken(t *testing.T) {
	ref := reference(t)
	fast := gpt2Fast(t)
	check := func(name, s string) {
		t.Helper()
		want, got := ref.EncodeOrdinary(s), fast.encode(s)
		if !slices.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: ids differ at token %d: got %v, want %v (text near %q)", name, i,
				got[i:min(i+5, len(got))], want[i:min(i+5, len(want))], ref.Decode(want[max(i-3, 0):min(i+3, len(want))]))
		}
		if back := fast.decode(got); back != s {
			t.Errorf("%s: decode does not round-trip", name)
		}
	}
	for _, s := range bpeCases {
		check(s, s)
	}
	p, err := OpticksPath()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	check("opticks", string(b))
	r, _ := goroot()
	for _, f := range []string{"src/fmt/print.go", "src/strings/strings.go", "src/unicode/tables.go", "src/net/http/server.go"} {
		b, err := os.ReadFile(filepath.Join(r, f))
		if err != nil {
			t.Fatal(err)
		}
		check(f, string(b))
	}
}

// Bytes that are not UTF-8 survive the round trip (tiktoken-go would turn
// them into U+FFFD).
func TestBPEInvalidUTF8(t *testing.T) {
	fast := gpt2Fast(t)
	for _, s := range []string{"\xff", "a\xffb", "\xe4\xb8", "ok \xc3( done", "\x80\x80\x80 x"} {
		if got := fast.decode(fast.encode(s)); got != s {
			t.Errorf("%q round-trips to %q", s, got)
		}
	}
}

func FuzzBPE(f *testing.F) {
	for _, s := range bpeCases {
		f.Add(s)
	}
	ref := reference(f)
	fast := gpt2Fast(f)
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			if got := fast.decode(fast.encode(s)); got != s {
				t.Fatalf("%q round-trips to %q", s, got)
			}
			return
		}
		if want, got := ref.EncodeOrdinary(s), fast.encode(s); !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, want %v", s, got, want)
		}
	})
}

func gpt2Fast(t testing.TB) *bpe {
	t.Helper()
	tok, err := GPT2()
	if err != nil {
		t.Fatal(err)
	}
	return tok.(gpt2Tokenizer).fast
}

// Random strings over an alphabet that exercises every branch of the
// pre-tokeniser, compared with tiktoken-go (a seeded, always-run twin of
// FuzzBPE).
func TestBPERandomStrings(t *testing.T) {
	ref := reference(t)
	fast := gpt2Fast(t)
	alphabet := []string{" ", " ", "  ", "\n", "\t", "\r\n", "\u00a0", "\u3000", "a", "Z", "é", "北", "'", "'s", "'ll", "'re",
		"s", "t", "d", "m", "1", "9", "½", "²", ".", ",", "!", "(", "=", "😀", "\u0301", "_", "-", "the", "ing", "ation"}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 3000 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		s := sb.String()
		if want, got := ref.EncodeOrdinary(s), fast.encode(s); !slices.Equal(got, want) {
			t.Fatalf("case %d %q: got %v, want %v", n, s, got, want)
		}
	}
}
