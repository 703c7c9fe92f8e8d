package chat

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Message roles.
const (
	User      = "user"
	Assistant = "assistant"
)

// Stop reasons, normalised over the APIs.
const (
	StopEnd     = "end"     // the model finished (OpenAI "stop", Anthropic "end_turn"/"tool_use")
	StopLength  = "length"  // cut at max tokens (OpenAI "length", Anthropic "max_tokens")
	StopRefusal = "refusal" // the model refused (OpenAI message.refusal, Anthropic "refusal")
	StopOther   = "other"   // anything else (content_filter, pause_turn, ...)
)

// Message is one turn of the conversation.
type Message struct {
	Role    string `json:"role"` // User or Assistant
	Content string `json:"content"`
}

// Schema asks for a structured reply: OpenAI response_format json_schema,
// Anthropic a forced tool with this input_schema.
type Schema struct {
	Name        string         `json:"name"` // e.g. "proposal": [a-zA-Z0-9_-], at most 64
	Description string         `json:"description,omitempty"`
	JSON        map[string]any `json:"schema"` // a JSON Schema object
}

// Request is one provider-neutral completion request. It never holds keys:
// its JSON is what the store records.
type Request struct {
	Role        string    `json:"role"`  // the agents role making the call: researcher, engineer, ...
	Model       string    `json:"model"` // e.g. "gpt-4o-mini", "claude-sonnet-4-5"
	System      string    `json:"system"`
	Messages    []Message `json:"messages"`
	Schema      *Schema   `json:"schema,omitempty"`
	MaxTokens   int       `json:"max_tokens"`            // reply budget, e.g. 4096
	Temperature *float64  `json:"temperature,omitempty"` // nil: the server's default
	Seed        uint64    `json:"seed,omitempty"`        // sent where the API has one (OpenAI)
}

// Response is one completion.
type Response struct {
	ID        string // the server's id, e.g. "chatcmpl-..." or "msg_..."
	Model     string // the model that answered
	Text      string // the reply text; for a forced tool call its input JSON
	Refusal   string // the refusal text, when Stop is StopRefusal
	Stop      string // StopEnd, StopLength, StopRefusal or StopOther
	RawStop   string // the API's own stop/finish reason
	TokensIn  int
	TokensOut int
}

// Provider completes requests against one endpoint.
type Provider interface {
	// Name is the provider's name as records show it: "openai", "anthropic", "replay".
	Name() string
	// Complete runs one request, with no retries of its own. Errors with an
	// HTTP status are *StatusError.
	Complete(ctx context.Context, req Request) (Response, error)
}

// Render returns the request's canonical JSON (what CallRecord.Request
// holds) and its sha256 in hex (CallRecord.PromptHash).
func Render(req Request) (js, hash string) {
	b, err := json.Marshal(req)
	if err != nil {
		// Request holds only strings, numbers and a JSON schema built from
		// maps and slices: a failure is a programming error.
		panic("chat: render request: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return string(b), hex.EncodeToString(sum[:])
}

// StatusError is an HTTP error reply from the API.
type StatusError struct {
	Provider   string        // "openai", "anthropic"
	Status     int           // e.g. 429
	RetryAfter time.Duration // from retry-after-ms or Retry-After; 0 when absent
	Message    string        // the server's error message, keys redacted, at most 500 bytes
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("%s: HTTP %d %s", e.Provider, e.Status, http.StatusText(e.Status))
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Transient reports whether err is worth retrying: HTTP 408, 409, 429 and
// 5xx, timeouts, connection failures and malformed bodies (ErrMalformed). A
// cancelled parent context is not.
func Transient(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Status == http.StatusRequestTimeout || se.Status == http.StatusConflict ||
			se.Status == http.StatusTooManyRequests || se.Status >= 500
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrMalformed) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var oe *net.OpError
	return errors.As(err, &oe)
}

// ParseRetryAfter reads the wait a server asks for: retry-after-ms
// (milliseconds, as OpenAI and Anthropic send), else Retry-After in seconds
// or as an HTTP date. It returns 0 when there is none or it is unreadable.
func ParseRetryAfter(h http.Header, now time.Time) time.Duration {
	if h == nil {
		return 0
	}
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// Redact replaces every secret in s by "[redacted]". Empty secrets and
// secrets shorter than 4 bytes are ignored (they would shred the text).
func Redact(s string, secrets ...string) string {
	for _, k := range secrets {
		if len(k) >= 4 {
			s = strings.ReplaceAll(s, k, "[redacted]")
		}
	}
	return s
}

// Clip shortens s to at most n bytes on a rune boundary, marking the cut.
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// ErrMalformed marks a reply whose HTTP body could not be read as the API's
// JSON (a broken proxy, a truncated body): the roles count it as an invalid
// attempt.
var ErrMalformed = errors.New("chat: malformed API reply")

// TransportError wraps an SDK error that carries no HTTP status: it is
// prefixed with the provider's name and the secrets are redacted from its
// message, while errors.Is and errors.As still see the cause. An error that
// is neither a context nor a network error is a body the SDK could not
// decode, and also wraps ErrMalformed.
func TransportError(provider string, err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	var ne net.Error
	if !errors.As(err, &ne) && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	return &wrapped{msg: provider + ": " + Redact(err.Error(), secrets...), err: err}
}

type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }
