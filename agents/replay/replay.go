package replay

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/llm"
	"github.com/archlab/archlab/agents/llm/chat"
)

// ErrNotRecorded is wrapped by the error for a request the recording
// does not hold (or holds fewer times than asked).
var ErrNotRecorded = errors.New("replay: request not in the recording")

// Provider plays a recording.
type Provider struct {
	mu    sync.Mutex
	calls map[string][]agents.CallRecord // role + " " + prompt hash → replies in order
	used  map[string]int
	n     int
}

// New returns a provider playing calls. Records of transport failures
// (Error starting with llm.ErrPrefixTransport) are left out.
func New(calls []agents.CallRecord) *Provider {
	p := &Provider{calls: map[string][]agents.CallRecord{}, used: map[string]int{}}
	for _, c := range calls {
		if strings.HasPrefix(c.Error, llm.ErrPrefixTransport) {
			continue
		}
		k := c.Role + " " + c.PromptHash
		p.calls[k] = append(p.calls[k], c)
	}
	return p
}

// Name returns "replay".
func (p *Provider) Name() string { return "replay" }

// Complete returns the recorded reply to req.
func (p *Provider) Complete(ctx context.Context, req chat.Request) (chat.Response, error) {
	if err := ctx.Err(); err != nil {
		return chat.Response{}, err
	}
	_, hash := chat.Render(req)
	k := req.Role + " " + hash
	p.mu.Lock()
	list, i := p.calls[k], p.used[k]
	if i >= len(list) {
		p.mu.Unlock()
		if len(list) == 0 {
			return chat.Response{}, fmt.Errorf("%w: %s request sha256 %s (model %s, %d messages)",
				ErrNotRecorded, req.Role, hash, req.Model, len(req.Messages))
		}
		return chat.Response{}, fmt.Errorf("%w: %s request sha256 %s asked %d times, recorded %d",
			ErrNotRecorded, req.Role, hash, i+1, len(list))
	}
	p.used[k]++
	p.n++
	n := p.n
	p.mu.Unlock()

	c := list[i]
	resp := chat.Response{
		ID: fmt.Sprintf("replay-%d", n), Model: c.Model, Text: c.Reply, Stop: chat.StopEnd,
		TokensIn: c.TokensIn, TokensOut: c.TokensOut,
	}
	switch {
	case strings.HasPrefix(c.Error, llm.ErrPrefixTruncated):
		resp.Stop = chat.StopLength
	case strings.HasPrefix(c.Error, llm.ErrPrefixRefused):
		resp.Stop, resp.Refusal, resp.Text = chat.StopRefusal, c.Reply, ""
	case strings.HasPrefix(c.Error, llm.ErrPrefixStopped):
		// The message ends "(<raw stop reason>)"; the retry prompt quotes it.
		resp.Stop = chat.StopOther
		if i := strings.LastIndexByte(c.Error, '('); i >= 0 {
			resp.RawStop = strings.TrimSuffix(c.Error[i+1:], ")")
		}
	}
	return resp, nil
}

// Unused returns how many usable recorded replies were never asked for.
func (p *Provider) Unused() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for k, l := range p.calls {
		n += len(l) - p.used[k]
	}
	return n
}
