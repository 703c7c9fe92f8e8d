package llmtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Stop reasons a Step can ask for.
const (
	End     = ""        // finish_reason "stop" / stop_reason "end_turn" or "tool_use"
	Length  = "length"  // finish_reason "length" / stop_reason "max_tokens"
	Refusal = "refusal" // OpenAI message.refusal / stop_reason "refusal"
)

// Step is one scripted reply.
type Step struct {
	Status     int           // HTTP status; 0 means 200
	RetryAfter string        // Retry-After header, e.g. "1" or an HTTP date
	Delay      time.Duration // wait before answering; a client that gives up ends the wait
	Text       string        // the model's text (Anthropic: a forced tool's input when Text is a JSON object)
	Stop       string        // End, Length or Refusal
	Body       string        // a raw body sent as is with Status (a malformed reply); overrides Text
	Error      string        // the error message of a non-2xx reply
	EchoKey    bool          // the error message repeats the request's key (a leaky server)
	TokensIn   int           // usage; 0: estimated from the request size
	TokensOut  int           // usage; 0: estimated from the reply size
}

// Request is one request the server received.
type Request struct {
	API    string      // "openai" or "anthropic"
	Path   string      // e.g. "/v1/chat/completions"
	Header http.Header // as received, keys included (tests check they were sent)
	Body   []byte      // the JSON body
	Model  string
	System string // the system prompt
	Last   string // the last message's text
	Schema string // the requested schema or forced tool's name, "" for none
}

// Server is a scripted OpenAI and Anthropic endpoint on a local port.
type Server struct {
	srv *httptest.Server

	mu     sync.Mutex
	script []Step
	always *Step
	handle func(Request) Step
	reqs   []Request
	n      int
}

// New starts a server that plays steps in order.
func New(steps ...Step) *Server {
	s := &Server{script: append([]Step(nil), steps...)}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// OpenAIURL is the base URL for an OpenAI client: URL + "/v1".
func (s *Server) OpenAIURL() string { return s.srv.URL + "/v1" }

// AnthropicURL is the base URL for an Anthropic client.
func (s *Server) AnthropicURL() string { return s.srv.URL }

// Close stops the server; handlers still waiting end first.
func (s *Server) Close() { s.srv.Close() }

// Push appends steps to the script.
func (s *Server) Push(steps ...Step) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = append(s.script, steps...)
}

// Always sets the reply given once the script has run out.
func (s *Server) Always(step Step) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.always = &step
}

// Handle sets a function that answers once the script has run out (and
// no Always step is set).
func (s *Server) Handle(f func(Request) Step) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.handle = f
}

// Requests returns a copy of the requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// wire is the subset of both request bodies the server reads.
type wire struct {
	Model    string          `json:"model"`
	System   json.RawMessage `json:"system"`
	Messages []struct {
		Role    string          `json:"role"`
		Content json.RawMessage `json:"content"`
	} `json:"messages"`
	ResponseFormat *struct {
		JSONSchema struct {
			Name string `json:"name"`
		} `json:"json_schema"`
	} `json:"response_format"`
	ToolChoice *struct {
		Type string `json:"type"`
		Name string `json:"name"`
	} `json:"tool_choice"`
}

// text reads a content field: a string or a list of {type, text} blocks.
func text(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var blocks []struct {
		Text string `json:"text"`
	}
	if json.Unmarshal(raw, &blocks) == nil {
		var b strings.Builder
		for _, x := range blocks {
			b.WriteString(x.Text)
		}
		return b.String()
	}
	return ""
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	var api string
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/v1/chat/completions":
		api = "openai"
	case r.Method == http.MethodPost && r.URL.Path == "/v1/messages":
		api = "anthropic"
	default:
		http.Error(w, `{"error":{"message":"llmtest: no such endpoint"}}`, http.StatusNotFound)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	req := Request{API: api, Path: r.URL.Path, Header: r.Header.Clone(), Body: body}
	var in wire
	if err := json.Unmarshal(body, &in); err != nil {
		writeError(w, api, http.StatusBadRequest, "llmtest: request body: "+err.Error())
		return
	}
	req.Model = in.Model
	req.System = text(in.System)
	for _, m := range in.Messages {
		if m.Role == "system" {
			req.System = text(m.Content)
		}
	}
	if n := len(in.Messages); n > 0 {
		req.Last = text(in.Messages[n-1].Content)
	}
	if in.ResponseFormat != nil {
		req.Schema = in.ResponseFormat.JSONSchema.Name
	}
	if in.ToolChoice != nil && in.ToolChoice.Type == "tool" {
		req.Schema = in.ToolChoice.Name
	}

	s.mu.Lock()
	s.reqs = append(s.reqs, req)
	s.n++
	id := s.n
	var step Step
	switch {
	case len(s.script) > 0:
		step, s.script = s.script[0], s.script[1:]
	case s.always != nil:
		step = *s.always
	case s.handle != nil:
		h := s.handle
		s.mu.Unlock()
		step = h(req)
		s.mu.Lock()
	default:
		step = Step{Status: http.StatusInternalServerError, Error: "llmtest: the script has run out"}
	}
	s.mu.Unlock()

	if step.Delay > 0 {
		t := time.NewTimer(step.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	if step.RetryAfter != "" {
		w.Header().Set("Retry-After", step.RetryAfter)
	}
	status := step.Status
	if status == 0 {
		status = http.StatusOK
	}
	if step.Body != "" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		io.WriteString(w, step.Body)
		return
	}
	if status >= 300 {
		msg := step.Error
		if msg == "" {
			msg = http.StatusText(status)
		}
		if step.EchoKey {
			msg += " (key " + key(r) + ")"
		}
		writeError(w, api, status, msg)
		return
	}
	tin, tout := step.TokensIn, step.TokensOut
	if tin == 0 {
		tin = len(body)/4 + 1
	}
	if tout == 0 {
		tout = len(step.Text)/4 + 1
	}
	var reply any
	if api == "openai" {
		reply = openaiReply(id, in.Model, step, tin, tout)
	} else {
		reply = anthropicReply(id, in.Model, req.Schema, step, tin, tout)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(reply)
}

// key returns the request's key as sent (bearer token or x-api-key).
func key(r *http.Request) string {
	if k := r.Header.Get("X-Api-Key"); k != "" {
		return k
	}
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
}

func writeError(w http.ResponseWriter, api string, status int, msg string) {
	typ := "api_error"
	switch {
	case status == http.StatusTooManyRequests:
		typ = "rate_limit_error"
	case status == http.StatusBadRequest:
		typ = "invalid_request_error"
	case status == http.StatusUnauthorized:
		typ = "authentication_error"
	}
	var body any
	if api == "openai" {
		body = map[string]any{"error": map[string]any{"message": msg, "type": typ, "param": nil, "code": nil}}
	} else {
		body = map[string]any{"type": "error", "error": map[string]any{"type": typ, "message": msg}}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

func openaiReply(id int, model string, step Step, tin, tout int) any {
	msg := map[string]any{"role": "assistant", "content": step.Text, "refusal": nil}
	finish := "stop"
	switch step.Stop {
	case Length:
		finish = "length"
	case Refusal:
		msg["content"] = nil
		msg["refusal"] = step.Text
	}
	return map[string]any{
		"id":      fmt.Sprintf("chatcmpl-llmtest%d", id),
		"object":  "chat.completion",
		"created": 1765051200 + id,
		"model":   model,
		"choices": []any{map[string]any{
			"index": 0, "message": msg, "logprobs": nil, "finish_reason": finish,
		}},
		"usage": map[string]any{
			"prompt_tokens": tin, "completion_tokens": tout, "total_tokens": tin + tout,
		},
		"system_fingerprint": "fp_llmtest",
	}
}

func anthropicReply(id int, model, tool string, step Step, tin, tout int) any {
	var content []any
	stop := "end_turn"
	t := strings.TrimSpace(step.Text)
	if tool != "" && step.Stop != Refusal && strings.HasPrefix(t, "{") && json.Valid([]byte(t)) {
		content = append(content, map[string]any{
			"type": "tool_use", "id": fmt.Sprintf("toolu_llmtest%d", id), "name": tool, "input": json.RawMessage(t),
		})
		stop = "tool_use"
	} else {
		content = append(content, map[string]any{"type": "text", "text": step.Text})
	}
	switch step.Stop {
	case Length:
		stop = "max_tokens"
	case Refusal:
		stop = "refusal"
	}
	return map[string]any{
		"id":            fmt.Sprintf("msg_llmtest%d", id),
		"type":          "message",
		"role":          "assistant",
		"model":         model,
		"content":       content,
		"stop_reason":   stop,
		"stop_sequence": nil,
		"usage": map[string]any{
			"input_tokens": tin, "output_tokens": tout,
			"cache_creation_input_tokens": 0, "cache_read_input_tokens": 0,
		},
	}
}
