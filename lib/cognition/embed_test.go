package cognition

import (
	"context"
	"encoding/json"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// bagEmbedder embeds a text as its hashed bag of tokens (16 buckets).
func bagEmbed(text string) []float32 {
	v := make([]float32, 16)
	for _, t := range tokenize(text) {
		h := fnv.New32a()
		h.Write([]byte(t))
		v[h.Sum32()%16]++
	}
	v[15] += 0.01 // never a zero vector
	return v
}

// fakeServer is an OpenAI-compatible /embeddings endpoint that replies in
// reverse index order (clients must sort by index).
func fakeServer(t *testing.T, calls *int) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		*calls++
		if r.URL.Path != "/v1/embeddings" || r.Method != http.MethodPost {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		if r.Header.Get("Authorization") != "Bearer sk-test" {
			http.Error(w, `{"error":"bad key"}`, http.StatusUnauthorized)
			return
		}
		var req embedRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Model != "emb-1" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		type item struct {
			Index     int       `json:"index"`
			Embedding []float32 `json:"embedding"`
		}
		var data []item
		for i := len(req.Input) - 1; i >= 0; i-- {
			data = append(data, item{i, bagEmbed(req.Input[i])})
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"data": data})
	}))
}

func TestOpenAIEmbedderIndex(t *testing.T) {
	calls := 0
	srv := fakeServer(t, &calls)
	defer srv.Close()
	b, _ := New(
		entry("Gated Delta Networks", "Gating the delta rule", "A decay gate on the delta rule."),
		entry("Mamba", "Selective state spaces", "Input-dependent state-space parameters; a scan."),
		entry("Hyena", "Long convolutions", "Implicit long convolutions."),
	)
	e := &OpenAIEmbedder{BaseURL: srv.URL + "/v1/", Model: "emb-1", APIKey: "sk-test", BatchSize: 2}
	x, err := b.EmbedIndex(context.Background(), e)
	if err != nil {
		t.Fatal(err)
	}
	if calls != 2 {
		t.Fatalf("%d requests for 3 texts in batches of 2", calls)
	}
	hits, err := x.Search(context.Background(), "selective state space scan", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 2 || hits[0].Title() != "Mamba" || hits[0].Score <= hits[1].Score {
		t.Fatalf("hits %+v", hits)
	}
}

func TestEmbedderFailures(t *testing.T) {
	reply := func(status int, body string) *httptest.Server {
		return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		}))
	}
	for _, tc := range []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"server error", 500, `{"error":"overloaded"}`, "500 Internal Server Error: {\"error\":\"overloaded\"}"},
		{"not json", 200, `<html>`, "decode reply"},
		{"too few", 200, `{"data":[{"index":0,"embedding":[1,2]}]}`, "1 embeddings for 2 inputs"},
		{"zero vector", 200, `{"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[0,0]}]}`, "vector 1 has norm 0"},
		{"mixed dims", 200, `{"data":[{"index":0,"embedding":[1,2]},{"index":1,"embedding":[1]}]}`, "vector 1 has 1 dimensions"},
		{"bad indices", 200, `{"data":[{"index":0,"embedding":[1,2]},{"index":0,"embedding":[1,2]}]}`, "indices"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := reply(tc.status, tc.body)
			defer srv.Close()
			vs, err := (&OpenAIEmbedder{BaseURL: srv.URL}).Embed(context.Background(), []string{"a", "b"})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "cognition: embed: ") {
				t.Fatalf("got %v, %v; want an error containing %q", vs, err, tc.want)
			}
		})
	}
	// A dead endpoint fails the search too: no silent fallback to BM25 or zeros.
	srv := reply(503, "down")
	defer srv.Close()
	b, _ := New(entry("Mamba", "x", "y"))
	x, err := NewVectorIndex(b, &OpenAIEmbedder{BaseURL: srv.URL}, [][]float32{{1, 0}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.Search(context.Background(), "mamba", 1); err == nil {
		t.Fatal("a failing endpoint gave search results")
	}
	if _, err := NewVectorIndex(b, nil, [][]float32{{0, 0}}); err == nil {
		t.Fatal("a zero cached vector was accepted")
	}
}
