package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/llm/chat"
)

// shared is what every role of one team shares: the recorder, the cost
// budget, the limits, the prompts and the secrets to keep out of records.
type shared struct {
	rec     agents.Recorder
	log     *slog.Logger
	lim     limits
	prices  map[string]Price
	budget  *budget
	prompts *prompts
	secrets []string
	now     func() time.Time
}

// budget is the team's cost cap.
type budget struct {
	mu    sync.Mutex
	max   float64 // USD; 0: none
	spent float64
}

func (b *budget) check() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.max > 0 && b.spent >= b.max {
		return fmt.Errorf("llm: spent %.4f of max_cost_usd %.4f: %w", b.spent, b.max, agents.ErrBudget)
	}
	return nil
}

func (b *budget) add(usd float64) {
	b.mu.Lock()
	b.spent += usd
	b.mu.Unlock()
}

// limiter spaces request starts on one endpoint at 60/rate seconds.
type limiter struct {
	mu       sync.Mutex
	interval time.Duration // 0: unlimited
	next     time.Time
}

func newLimiter(perMin float64) *limiter {
	l := &limiter{}
	if perMin > 0 {
		l.interval = time.Duration(float64(time.Minute) / perMin)
	}
	return l
}

// wait blocks until the endpoint may take the next request.
func (l *limiter) wait(ctx context.Context) error {
	if l.interval == 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	now := time.Now()
	at := l.next
	if at.Before(now) {
		at = now
	}
	l.next = at.Add(l.interval)
	l.mu.Unlock()
	return sleep(ctx, at.Sub(now))
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// caller runs one role's LLM calls on one endpoint.
type caller struct {
	*shared
	role        string
	provider    chat.Provider
	limiter     *limiter
	model       string
	maxTokens   int
	temperature *float64
}

// attempt counts the records of one role call.
type attempt struct{ n int }

// ask runs one role call: the prompt, then replies until parse accepts
// one, each refused reply answered with its error quoted, at most
// maxAttempts replies. Every HTTP attempt is recorded.
func (c *caller) ask(ctx context.Context, system, user string, schema *chat.Schema, seed uint64, parse func(string) error) error {
	req := chat.Request{
		Role: c.role, Model: c.model, System: system,
		Messages:  []chat.Message{{Role: chat.User, Content: user}},
		Schema:    schema,
		MaxTokens: c.maxTokens, Temperature: c.temperature, Seed: seed,
	}
	var at attempt
	var last error
	for reply := 1; reply <= c.lim.maxAttempts; reply++ {
		resp, rec, err := c.complete(ctx, req, &at)
		if err != nil {
			switch {
			case ctx.Err() != nil, errors.Is(err, agents.ErrBudget):
				return fmt.Errorf("llm: %s: %w", c.role, err)
			case chat.Transient(err):
				return fmt.Errorf("llm: %s: %w: the endpoint gave no reply within %d retries: %w",
					c.role, agents.ErrInvalidReply, c.lim.maxRetries, err)
			default:
				return fmt.Errorf("llm: %s: %w", c.role, err)
			}
		}
		verr := usable(resp, req.MaxTokens)
		if verr == nil {
			verr = parse(resp.Text)
		}
		if verr != nil {
			rec.Error = c.redact(verr.Error())
		}
		if err := c.record(ctx, rec); err != nil {
			return err
		}
		if verr == nil {
			return nil
		}
		last = verr
		c.log.Warn("llm: invalid reply", "role", c.role, "attempt", at.n, "reply", reply, "err", rec.Error)
		fb, err := c.prompts.render("retry", struct {
			Error string
			JSON  bool
		}{verr.Error(), schema != nil})
		if err != nil {
			return err
		}
		prev := resp.Text
		if prev == "" {
			prev = resp.Refusal
		}
		if prev == "" {
			prev = "(empty reply)"
		}
		req.Messages = append(req.Messages,
			chat.Message{Role: chat.Assistant, Content: prev},
			chat.Message{Role: chat.User, Content: fb})
	}
	return fmt.Errorf("llm: %s: %w: %d replies refused, the last: %w", c.role, agents.ErrInvalidReply, c.lim.maxAttempts, last)
}

// Error prefixes of reply-level problems in CallRecord.Error; agents/replay
// reads them back.
const (
	ErrPrefixTruncated = "truncated: "
	ErrPrefixRefused   = "refused: "
	ErrPrefixStopped   = "stopped: "
	ErrPrefixTransport = "transport: " // no reply: HTTP error, timeout, connection or body failure
)

// usable checks the stop reason before the text is parsed.
func usable(r chat.Response, maxTokens int) error {
	switch r.Stop {
	case chat.StopLength:
		return fmt.Errorf("%sthe reply hit the limit of %d tokens before it ended; reply again, shorter", ErrPrefixTruncated, maxTokens)
	case chat.StopRefusal:
		return fmt.Errorf("%sthe model refused: %s", ErrPrefixRefused, clipQuote(r.Refusal))
	case chat.StopOther:
		return fmt.Errorf("%sthe reply stopped early (%s)", ErrPrefixStopped, r.RawStop)
	}
	return nil
}

// complete sends req with transport retries (429, 5xx, timeouts,
// malformed bodies), honouring Retry-After. Failed attempts are recorded
// here; the successful one is returned with its record for the caller to
// complete with the validation's verdict.
func (c *caller) complete(ctx context.Context, req chat.Request, at *attempt) (chat.Response, agents.CallRecord, error) {
	js, hash := chat.Render(req)
	for retry := 0; ; retry++ {
		if err := c.budget.check(); err != nil {
			return chat.Response{}, agents.CallRecord{}, err
		}
		if err := c.limiter.wait(ctx); err != nil {
			return chat.Response{}, agents.CallRecord{}, err
		}
		at.n++
		actx, cancel := context.WithTimeout(ctx, c.lim.timeout)
		start := time.Now()
		resp, err := c.provider.Complete(actx, req)
		lat := time.Since(start)
		cancel()
		rec := agents.CallRecord{
			Role: c.role, Provider: c.provider.Name(), Model: c.model,
			PromptHash: hash, Request: js,
			Reply:    c.redact(resp.Text),
			TokensIn: resp.TokensIn, TokensOut: resp.TokensOut,
			LatencyS: lat.Seconds(), Attempt: at.n, Time: c.now().UTC(),
		}
		if resp.Stop == chat.StopRefusal && rec.Reply == "" {
			rec.Reply = c.redact(resp.Refusal)
		}
		rec.CostUSD = c.prices[c.model].Cost(resp.TokensIn, resp.TokensOut)
		c.budget.add(rec.CostUSD)
		if err == nil {
			c.log.Debug("llm: reply", "role", c.role, "model", resp.Model, "id", resp.ID, "attempt", at.n,
				"tokens_in", resp.TokensIn, "tokens_out", resp.TokensOut, "latency_s", rec.LatencyS, "stop", resp.Stop)
			return resp, rec, nil
		}
		if ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("no reply within timeout_s %g: %w", c.lim.timeout.Seconds(), err)
		}
		err = redacted{c.redact(err.Error()), err}
		rec.Error = ErrPrefixTransport + err.Error()
		if rerr := c.record(ctx, rec); rerr != nil {
			return chat.Response{}, rec, rerr
		}
		if ctx.Err() != nil {
			return chat.Response{}, rec, ctx.Err()
		}
		if !chat.Transient(err) || retry >= c.lim.maxRetries {
			return chat.Response{}, rec, err
		}
		wait := c.backoff(retry, err)
		c.log.Warn("llm: retrying", "role", c.role, "attempt", at.n, "err", rec.Error, "wait", wait)
		if err := sleep(ctx, wait); err != nil {
			return chat.Response{}, rec, err
		}
	}
}

// backoff is the wait before retry n+1: the server's Retry-After when it
// gave one, else backoff_s·2ⁿ; either capped at max_backoff_s.
func (c *caller) backoff(n int, err error) time.Duration {
	d := c.lim.backoff << n
	var se *chat.StatusError
	if errors.As(err, &se) && se.RetryAfter > 0 {
		d = se.RetryAfter
	}
	if d > c.lim.maxBackoff || d <= 0 {
		d = c.lim.maxBackoff
	}
	return d
}

func (c *caller) record(ctx context.Context, r agents.CallRecord) error {
	if c.rec == nil {
		return nil
	}
	if err := c.rec.RecordCall(ctx, r); err != nil {
		return fmt.Errorf("llm: %s: record call: %w", c.role, err)
	}
	return nil
}

func (c *caller) redact(s string) string { return chat.Redact(s, c.secrets...) }

// redacted is an error whose message has the keys removed; it still
// unwraps to the cause.
type redacted struct {
	msg string
	err error
}

func (r redacted) Error() string { return r.msg }
func (r redacted) Unwrap() error { return r.err }
