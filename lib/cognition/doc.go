// Package cognition is the cognition base: distilled design insights from
// papers that the Researcher reads before it proposes a layer, in
// ASI-ARCH's published format, searched offline with BM25 or, optionally,
// with embeddings from an OpenAI-compatible endpoint.
//
//	b, err := cognition.Load("../shared/data/asi-arch/cognition") // a folder of *.json, or one file
//	hits := b.Search("delta rule gating", 3)                       // BM25, best first
//	in.Cognition = cognition.Snippets(hits)                       // what agents.ResearchInput carries
//
// # Format
//
// Each file is one paper: a JSON array of entries, each with five Markdown
// strings, DESIGN_INSIGHT, EXPERIMENTAL_TRIGGER_PATTERNS, BACKGROUND
// (opening with "**Title**: ..."), ALGORITHMIC_INNOVATION and
// IMPLEMENTATION_GUIDANCE. ASI-ARCH's release holds 98 papers and 230
// entries. Load refuses a malformed entry with the file, the entry's
// position and the field.
//
// # Search
//
// Search ranks entries by BM25 (k1 = 1.2, b = 0.75) over all five
// sections. The tokenizer lower-cases, splits at anything but letters and
// digits, drops English stop words and strips a few suffixes ("gating",
// "gated", "gates" → "gat"). For embeddings, EmbedIndex calls an Embedder,
// such as OpenAIEmbedder (POST {base}/embeddings), once for all entries,
// and VectorIndex.Search ranks by cosine similarity; an endpoint that fails
// or returns a zero vector is an error, never a silent fallback.
//
// # Adding a paper
//
// AddPaperPrompt renders a prompt (prompts/add_paper.tmpl) asking an LLM to
// distil a paper's text into one entry; ParseEntry validates the reply and
// Base.Add indexes it:
//
//	reply := llm(cognition.AddPaperPrompt(paperText))
//	e, err := cognition.ParseEntry(reply)
//	err = b.Add(e)
package cognition
