package chat

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 6, 20, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		h    http.Header
		want time.Duration
	}{
		{"none", http.Header{}, 0},
		{"nil", nil, 0},
		{"seconds", http.Header{"Retry-After": {"3"}}, 3 * time.Second},
		{"fraction", http.Header{"Retry-After": {"0.25"}}, 250 * time.Millisecond},
		{"ms wins", http.Header{"Retry-After": {"3"}, "Retry-After-Ms": {"40"}}, 40 * time.Millisecond},
		{"date", http.Header{"Retry-After": {now.Add(5 * time.Second).Format(http.TimeFormat)}}, 5 * time.Second},
		{"past date", http.Header{"Retry-After": {now.Add(-5 * time.Second).Format(http.TimeFormat)}}, 0},
		{"garbage", http.Header{"Retry-After": {"soon"}}, 0},
		{"negative", http.Header{"Retry-After": {"-1"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ParseRetryAfter(tt.h, now); got != tt.want {
				t.Errorf("ParseRetryAfter = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestTransient(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{&StatusError{Status: 429}, true},
		{&StatusError{Status: 500}, true},
		{&StatusError{Status: 503}, true},
		{&StatusError{Status: 408}, true},
		{&StatusError{Status: 400}, false},
		{&StatusError{Status: 401}, false},
		{fmt.Errorf("wrapped: %w", &StatusError{Status: 502}), true},
		{context.DeadlineExceeded, true},
		{context.Canceled, false},
		{errors.New("decode"), false},
	}
	for _, tt := range tests {
		if got := Transient(tt.err); got != tt.want {
			t.Errorf("Transient(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestRenderStable(t *testing.T) {
	req := Request{Role: "judge", Model: "m", System: "s", Messages: []Message{{User, "hi"}}, MaxTokens: 10}
	js1, h1 := Render(req)
	js2, h2 := Render(req)
	if js1 != js2 || h1 != h2 || len(h1) != 64 {
		t.Fatalf("Render not stable: %s %s / %s %s", js1, h1, js2, h2)
	}
	req.Messages[0].Content = "hello"
	if _, h3 := Render(req); h3 == h1 {
		t.Fatal("different requests share a hash")
	}
}

func TestRedactClip(t *testing.T) {
	if got := Redact("key sk-abc123 in text", "sk-abc123", ""); got != "key [redacted] in text" {
		t.Errorf("Redact = %q", got)
	}
	if got := Clip("héllo", 2); got != "h…" {
		t.Errorf("Clip = %q", got)
	}
	if got := Clip("abc", 5); got != "abc" {
		t.Errorf("Clip = %q", got)
	}
}

func ExampleRender() {
	js, hash := Render(Request{Role: "judge", Model: "m", Messages: []Message{{User, "grade this"}}, MaxTokens: 100})
	fmt.Println(js)
	fmt.Println(len(hash))
	// Output:
	// {"role":"judge","model":"m","system":"","messages":[{"role":"user","content":"grade this"}],"max_tokens":100}
	// 64
}
