// Package data turns text into token batches for training and evaluation:
// tokenizers, corpora streamed from disk, a seeded train/validation split,
// and batchers whose every batch is a pure function of (seed, step).
//
//	c, _ := data.Opticks()                 // or data.Open("shard.parquet#text"), data.GoSource(), ...
//	tok := data.Bytes()                    // or data.GPT2()
//	ds, err := data.Load(ctx, c, tok, data.LoadConfig{ValFraction: 0.1, Seed: 1})
//	bt := data.NewBatcher(ds.Train, 8, 512, 1) // B=8 windows of T+1=513 tokens
//	var b data.Batch
//	for step := range steps {
//		bt.Fill(step, &b) // b.Inputs, b.Targets: (8,512) row-major int32
//	}
//	val := data.EvalBatches(ds.Val, 8, 512, 16) // fixed validation batches
//
// # Batches
//
// [Batch] is the currency shared with lib/eval and lib/train: Inputs,
// Targets and an optional Mask, each (B,T) row-major. For language
// modelling Targets is Inputs shifted by one (a (B,T+1) window cut in two,
// see [Batcher.Window]); synthetic tasks in lib/eval set Targets only at the
// positions that count and [IgnoreIndex] elsewhere.
//
// # Tokenizers
//
// [Bytes] (vocabulary 256) needs nothing. [GPT2] is GPT-2's BPE, tiktoken's
// r50k_base (vocabulary 50,257), which is what ASI-ARCH trained with. The
// merge ranks come from github.com/pkoukk/tiktoken-go-loader, which embeds
// them in the binary (about 7 MB: all four of its encodings), so it needs no
// network: the default loader of github.com/pkoukk/tiktoken-go downloads
// them on first use, which fails on an offline machine (our tests pass in
// an empty network namespace, `unshare -rn`).
//
// tiktoken-go, a pure-Go port of OpenAI's tiktoken, is the reference twin:
// Encode here is a hand-written pre-tokeniser for r50k_base's pattern plus
// tiktoken's byte-pair merge, and gives tiktoken-go's ids exactly (checked
// on Opticks, Go sources, edge cases, random strings and a fuzz test; the
// character classes against regexp2 for every rune) at 3.5-5 times its
// speed (BenchmarkEncode, side by side), since tiktoken-go spends most of
// its time in a backtracking regexp. Unlike tiktoken-go it keeps bytes that
// are not UTF-8, so Decode(Encode(s)) == s for every s. Neither path calls
// tiktoken.SetBpeLoader, which would change a package-global setting for
// every other user of tiktoken-go in the process.
//
// # Corpora
//
// A [Corpus] streams [Document]s. [Opticks] (Newton's Opticks, which ships
// in GOROOT/src/testdata) and [GoSource] (the .go files of GOROOT/src) work
// offline on any machine with Go. [TextFiles], [JSONL] (a named string
// field) and [Parquet] (a named string column, e.g. FineWeb-Edu shards,
// read page by page with github.com/parquet-go/parquet-go) read user
// corpora. A malformed line, a missing field or an unreadable file stops
// the stream with an error naming the file and line or row.
//
// The split is by a seeded hash of each document's text ([SplitOf]), so it
// does not depend on document order and is stable when files are added.
// Text files are cut at blank lines into chunks of at least [ChunkBytes] so
// that a single book still splits into many documents.
package data
