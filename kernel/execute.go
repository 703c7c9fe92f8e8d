package kernel

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"unicode/utf8"

	"github.com/archlab/archlab/kernel/display"
	"github.com/archlab/archlab/kernel/executor"
	"github.com/archlab/archlab/kernel/wire"
)

type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"` // default true
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      *bool             `json:"allow_stdin"`   // default true
	StopOnError     *bool             `json:"stop_on_error"` // default true
}

func orTrue(b *bool) bool { return b == nil || *b }

// execute runs one execute_request: execute_input, the cell's output,
// execute_result or error on iopub, then execute_reply on shell. (busy and
// idle come from handleShell.)
func (k *Kernel) execute(m *wire.Message) {
	var req executeRequest
	if err := m.DecodeContent(&req); err != nil {
		k.log.Warn("bad execute_request", "err", err)
		k.reply(k.socks.Shell, m, "execute_reply", withCount(errorContent("BadRequest", err.Error()), k.executionCount()))
		return
	}
	store := orTrue(req.StoreHistory) && !req.Silent
	k.mu.Lock()
	if store {
		k.count++
	}
	count := k.count
	ctx, cancel := context.WithCancel(k.ctx)
	k.interrupt = cancel
	k.mu.Unlock()
	defer func() {
		k.mu.Lock()
		k.interrupt = nil
		k.mu.Unlock()
		cancel()
	}()

	if !req.Silent {
		k.publish(m, "execute_input", map[string]any{"code": req.Code, "execution_count": count})
	}
	sink := &sink{k: k, parent: m, ctx: ctx, allowStdin: orTrue(req.AllowStdin)}
	value, err := k.run(ctx, req.Code, sink)
	var out string
	if err != nil {
		ce := asCellError(err)
		k.publish(m, "error", map[string]any{"ename": ce.Name, "evalue": ce.Value, "traceback": ce.Traceback})
		// Take the queue before replying: only requests sent before the
		// client saw this error are "queued behind" it. Draining after the
		// reply would also abort a cell the client sent in answer to it.
		var queued []wire.Message
		if orTrue(req.StopOnError) {
			queued = k.takeQueued()
		}
		k.reply(k.socks.Shell, m, "execute_reply", withCount(errorContent(ce.Name, ce.Value, ce.Traceback...), count))
		if store {
			k.record(count, req.Code, "")
		}
		k.abortQueued(queued)
		return
	}
	if value != nil && !value.Empty() && !req.Silent {
		data, md := bundleContent(*value)
		k.publish(m, "execute_result", map[string]any{"execution_count": count, "data": data, "metadata": md})
		out, _ = data[display.MIMEText].(string)
	}
	content := map[string]any{
		"status":           "ok",
		"execution_count":  count,
		"payload":          []any{},
		"user_expressions": k.userExpressions(ctx, req.UserExpressions),
	}
	k.reply(k.socks.Shell, m, "execute_reply", content)
	if store {
		k.record(count, req.Code, out)
	}
}

// run calls the executor and turns a panic in it into a cell error: a bug
// in the interpreter must not take the kernel down.
func (k *Kernel) run(ctx context.Context, code string, s executor.Sink) (v *display.Bundle, err error) {
	defer func() {
		if r := recover(); r != nil {
			k.log.Error("executor panicked", "panic", r)
			err = &executor.CellError{Name: "KernelPanic", Value: fmt.Sprint(r),
				Traceback: []string{fmt.Sprintf("KernelPanic: %v (the kernel is still running)", r)}}
		}
	}()
	return k.exec.Execute(ctx, code, s)
}

func (k *Kernel) executionCount() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.count
}

func withCount(c map[string]any, n int) map[string]any {
	c["execution_count"] = n
	return c
}

// asCellError maps any error to the ename/evalue/traceback Jupyter shows.
func asCellError(err error) *executor.CellError {
	var ce *executor.CellError
	if errors.As(err, &ce) {
		out := *ce
		if out.Name == "" {
			out.Name = "Error"
		}
		if out.Traceback == nil {
			out.Traceback = []string{out.Name + ": " + out.Value}
		}
		return &out
	}
	return &executor.CellError{Name: "Error", Value: err.Error(), Traceback: []string{"Error: " + err.Error()}}
}

// takeQueued removes and returns the shell requests waiting now.
func (k *Kernel) takeQueued() []wire.Message {
	var out []wire.Message
	for {
		select {
		case m := <-k.shellQ:
			out = append(out, m)
		default:
			return out
		}
	}
}

// abortQueued answers the execute_requests that were waiting behind a
// failed cell with status "aborted", as ipykernel does for stop_on_error:
// the cells after a failing one in "run all" do not run. Other requests
// among them are handled as usual, in order.
func (k *Kernel) abortQueued(queued []wire.Message) {
	for _, m := range queued {
		if m.Type() != "execute_request" {
			k.handleShell(m)
			continue
		}
		k.busy(&m, func() {
			k.log.Info("aborted a queued cell after an error")
			// No execution_count, as ipykernel: the cell never ran, and
			// a front end shows it as In [ ], not as the failed cell's number.
			k.reply(k.socks.Shell, &m, "execute_reply", map[string]any{"status": "aborted"})
		})
	}
}

// userExpressions evaluates execute_request's user_expressions after a
// successful cell, each as a silent cell of its own.
func (k *Kernel) userExpressions(ctx context.Context, exprs map[string]string) map[string]any {
	out := make(map[string]any, len(exprs))
	for name, code := range exprs {
		v, err := k.run(ctx, code, discard{})
		if err != nil {
			ce := asCellError(err)
			out[name] = errorContent(ce.Name, ce.Value, ce.Traceback...)
			continue
		}
		var b display.Bundle
		if v != nil {
			b = *v
		}
		data, md := bundleContent(b)
		out[name] = map[string]any{"status": "ok", "data": data, "metadata": md}
	}
	return out
}

// sink publishes a cell's output with its execute_request as parent.
type sink struct {
	k          *Kernel
	parent     *wire.Message
	ctx        context.Context
	allowStdin bool
	mu         sync.Mutex // one input_request at a time
}

func (s *sink) Stream(name, text string) {
	if text == "" {
		return
	}
	if name != "stderr" {
		name = "stdout"
	}
	s.k.publish(s.parent, "stream", map[string]string{"name": name, "text": text})
}

func (s *sink) Display(b display.Bundle, displayID string, update bool) {
	data, md := bundleContent(b)
	transient := map[string]any{}
	if displayID != "" {
		transient["display_id"] = displayID
	}
	typ := "display_data"
	if update && displayID != "" {
		typ = "update_display_data"
	}
	s.k.publish(s.parent, typ, map[string]any{"data": data, "metadata": md, "transient": transient})
}

func (s *sink) Clear(wait bool) {
	s.k.publish(s.parent, "clear_output", map[string]bool{"wait": wait})
}

// ErrNoStdin is returned by the kernel Sink's Input when the frontend does not accept
// input requests.
var ErrNoStdin = errors.New("kernel: this frontend does not support input requests (allow_stdin is false)")

func (s *sink) Input(prompt string, password bool) (string, error) {
	if !s.allowStdin {
		return "", ErrNoStdin
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// Drop a stale reply to an earlier, interrupted request.
	select {
	case <-s.k.inputQ:
	default:
	}
	req := wire.NewMessage(s.k.session, "input_request", s.parent,
		map[string]any{"prompt": prompt, "password": password})
	if err := s.k.socks.Stdin.Send(req); err != nil {
		return "", fmt.Errorf("kernel: input_request: %w", err)
	}
	for {
		select {
		case <-s.ctx.Done():
			return "", fmt.Errorf("kernel: input interrupted: %w", s.ctx.Err())
		case r := <-s.k.inputQ:
			if r.ParentHeader.MsgID != "" && r.ParentHeader.MsgID != req.Header.MsgID {
				s.k.log.Warn("input_reply to another request", "parent", r.ParentHeader.MsgID)
				continue
			}
			var c struct {
				Value string `json:"value"`
			}
			if err := r.DecodeContent(&c); err != nil {
				return "", err
			}
			return c.Value, nil
		}
	}
}

// discard is the sink of user_expressions: their output is not shown.
type discard struct{}

func (discard) Stream(string, string)                {}
func (discard) Display(display.Bundle, string, bool) {}
func (discard) Clear(bool)                           {}
func (discard) Input(string, bool) (string, error)   { return "", ErrNoStdin }

type codeRequest struct {
	Code        string `json:"code"`
	CursorPos   *int   `json:"cursor_pos"` // nil: end of code
	DetailLevel int    `json:"detail_level"`
}

// cursor is the request's cursor in code points, clamped to the code.
func (r codeRequest) cursor() int {
	n := utf8.RuneCountInString(r.Code)
	if r.CursorPos == nil || *r.CursorPos > n {
		return n
	}
	return max(*r.CursorPos, 0)
}

func (k *Kernel) complete(m *wire.Message) {
	var req codeRequest
	if err := m.DecodeContent(&req); err != nil {
		k.reply(k.socks.Shell, m, "complete_reply", errorContent("BadRequest", err.Error()))
		return
	}
	cur := req.cursor()
	matches, start, end := k.safeComplete(req.Code, cur)
	if matches == nil {
		matches = []string{}
		start, end = cur, cur
	}
	k.reply(k.socks.Shell, m, "complete_reply", map[string]any{
		"status":       "ok",
		"matches":      matches,
		"cursor_start": start,
		"cursor_end":   end,
		"metadata":     map[string]any{},
	})
}

func (k *Kernel) inspect(m *wire.Message) {
	var req codeRequest
	if err := m.DecodeContent(&req); err != nil {
		k.reply(k.socks.Shell, m, "inspect_reply", errorContent("BadRequest", err.Error()))
		return
	}
	detail := req.DetailLevel
	if detail != 1 {
		detail = 0
	}
	b, found := k.safeInspect(req.Code, req.cursor(), detail)
	data, md := map[string]any{}, map[string]any{}
	if found {
		data, md = bundleContent(b)
	}
	k.reply(k.socks.Shell, m, "inspect_reply", map[string]any{"status": "ok", "found": found, "data": data, "metadata": md})
}

func (k *Kernel) isComplete(m *wire.Message) {
	var req codeRequest
	if err := m.DecodeContent(&req); err != nil {
		k.reply(k.socks.Shell, m, "is_complete_reply", map[string]string{"status": "unknown"})
		return
	}
	status, indent := k.safeIsComplete(req.Code)
	switch status {
	case "complete", "invalid", "unknown":
		k.reply(k.socks.Shell, m, "is_complete_reply", map[string]string{"status": status})
	case "incomplete":
		k.reply(k.socks.Shell, m, "is_complete_reply", map[string]string{"status": status, "indent": indent})
	default:
		k.log.Warn("executor returned an unknown is_complete status", "status", status)
		k.reply(k.socks.Shell, m, "is_complete_reply", map[string]string{"status": "unknown"})
	}
}

// The safe* wrappers keep a panic in completion or inspection (which run
// on every keystroke) from killing the kernel.

func (k *Kernel) safeComplete(code string, cur int) (matches []string, start, end int) {
	defer k.recoverLog("complete")
	return k.exec.Complete(code, cur)
}

func (k *Kernel) safeInspect(code string, cur, detail int) (b display.Bundle, found bool) {
	defer k.recoverLog("inspect")
	return k.exec.Inspect(code, cur, detail)
}

func (k *Kernel) safeIsComplete(code string) (status, indent string) {
	defer k.recoverLog("is_complete")
	return k.exec.IsComplete(code)
}

func (k *Kernel) recoverLog(what string) {
	if r := recover(); r != nil {
		k.log.Error("executor panicked", "in", what, "panic", r)
	}
}
