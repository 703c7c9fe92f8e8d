package cognition

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Embedder turns texts into vectors, one per text, in order. A failure is
// an error: an Embedder never returns a zero vector in place of one it
// could not compute.
type Embedder interface {
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// OpenAIEmbedder calls an OpenAI-compatible embeddings endpoint (OpenAI,
// vLLM, llama.cpp's server, Ollama's /v1): POST {BaseURL}/embeddings with
// {"model", "input": [...]}, reading data[].embedding in data[].index
// order.
type OpenAIEmbedder struct {
	BaseURL   string       // e.g. "http://localhost:8000/v1"
	Model     string       // e.g. "text-embedding-3-small"
	APIKey    string       // sent as a bearer token when set
	Client    *http.Client // nil: a client with a 2-minute timeout
	BatchSize int          // texts per request, default 64
}

type embedRequest struct {
	Model string   `json:"model"`
	Input []string `json:"input"`
}

type embedResponse struct {
	Data []struct {
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	} `json:"data"`
}

// Embed implements Embedder.
func (e *OpenAIEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	if e.BaseURL == "" {
		return nil, fmt.Errorf("cognition: embed: no base URL")
	}
	bs := e.BatchSize
	if bs <= 0 {
		bs = 64
	}
	out := make([][]float32, 0, len(texts))
	for lo := 0; lo < len(texts); lo += bs {
		vs, err := e.batch(ctx, texts[lo:min(lo+bs, len(texts))])
		if err != nil {
			return nil, err
		}
		out = append(out, vs...)
	}
	if err := checkVectors(out, len(texts)); err != nil {
		return nil, err
	}
	return out, nil
}

func (e *OpenAIEmbedder) batch(ctx context.Context, texts []string) ([][]float32, error) {
	url := strings.TrimRight(e.BaseURL, "/") + "/embeddings"
	body, err := json.Marshal(embedRequest{Model: e.Model, Input: texts})
	if err != nil {
		return nil, fmt.Errorf("cognition: embed: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("cognition: embed: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	if e.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+e.APIKey)
	}
	c := e.Client
	if c == nil {
		c = &http.Client{Timeout: 2 * time.Minute}
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("cognition: embed: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("cognition: embed: read %s: %w", url, err)
	}
	if resp.StatusCode/100 != 2 {
		msg := strings.TrimSpace(string(data))
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		return nil, fmt.Errorf("cognition: embed: POST %s: %s: %s", url, resp.Status, msg)
	}
	var r embedResponse
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("cognition: embed: POST %s: decode reply: %w", url, err)
	}
	if len(r.Data) != len(texts) {
		return nil, fmt.Errorf("cognition: embed: POST %s: %d embeddings for %d inputs", url, len(r.Data), len(texts))
	}
	sort.SliceStable(r.Data, func(i, j int) bool { return r.Data[i].Index < r.Data[j].Index })
	out := make([][]float32, len(texts))
	for i, d := range r.Data {
		if d.Index != i {
			return nil, fmt.Errorf("cognition: embed: POST %s: embedding indices are not 0..%d", url, len(texts)-1)
		}
		out[i] = d.Embedding
	}
	return out, nil
}

// checkVectors refuses what would silently break a cosine search: a wrong
// count, an empty, zero or non-finite vector, or mixed dimensions.
func checkVectors(vs [][]float32, n int) error {
	if len(vs) != n {
		return fmt.Errorf("cognition: embed: %d vectors for %d texts", len(vs), n)
	}
	for i, v := range vs {
		if len(v) == 0 {
			return fmt.Errorf("cognition: embed: vector %d is empty", i)
		}
		if len(v) != len(vs[0]) {
			return fmt.Errorf("cognition: embed: vector %d has %d dimensions, vector 0 has %d", i, len(v), len(vs[0]))
		}
		if n := norm(v); n == 0 || math.IsNaN(n) || math.IsInf(n, 0) {
			return fmt.Errorf("cognition: embed: vector %d has norm %g", i, n)
		}
	}
	return nil
}

func norm(v []float32) float64 {
	s := 0.0
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	return math.Sqrt(s)
}

// VectorIndex searches a base by cosine similarity of embeddings.
type VectorIndex struct {
	base *Base
	emb  Embedder
	vecs [][]float32 // one per entry, unit length
}

// EmbedIndex embeds every entry's text with e and returns the index.
func (b *Base) EmbedIndex(ctx context.Context, e Embedder) (*VectorIndex, error) {
	texts := make([]string, len(b.entries))
	for i, en := range b.entries {
		texts[i] = en.Text()
	}
	vs, err := e.Embed(ctx, texts)
	if err != nil {
		return nil, err
	}
	return NewVectorIndex(b, e, vs)
}

// NewVectorIndex builds an index from vectors computed earlier (one per
// entry, in the base's order), for instance cached beside the base; e
// embeds the queries.
func NewVectorIndex(b *Base, e Embedder, vecs [][]float32) (*VectorIndex, error) {
	if err := checkVectors(vecs, len(b.entries)); err != nil {
		return nil, err
	}
	x := &VectorIndex{base: b, emb: e, vecs: make([][]float32, len(vecs))}
	for i, v := range vecs {
		x.vecs[i] = unit(v)
	}
	return x, nil
}

// Vectors returns the unit-length entry vectors, in the base's order.
func (x *VectorIndex) Vectors() [][]float32 { return x.vecs }

func unit(v []float32) []float32 {
	n := float32(norm(v))
	out := make([]float32, len(v))
	for i, a := range v {
		out[i] = a / n
	}
	return out
}

// Search embeds query and returns the k entries of highest cosine
// similarity, best first. A failing embedder is an error.
func (x *VectorIndex) Search(ctx context.Context, query string, k int) ([]Hit, error) {
	qs, err := x.emb.Embed(ctx, []string{query})
	if err != nil {
		return nil, err
	}
	if err := checkVectors(qs, 1); err != nil {
		return nil, err
	}
	if len(x.vecs) > 0 && len(qs[0]) != len(x.vecs[0]) {
		return nil, fmt.Errorf("cognition: embed: query has %d dimensions, the index %d", len(qs[0]), len(x.vecs[0]))
	}
	q := unit(qs[0])
	hits := make([]Hit, len(x.vecs))
	for i, v := range x.vecs {
		s := 0.0
		for j := range v {
			s += float64(v[j]) * float64(q[j])
		}
		hits[i] = Hit{Entry: x.base.entries[i], Score: s}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	if k >= 0 && len(hits) > k {
		hits = hits[:k]
	}
	return hits, nil
}
