package kernel

import (
	"regexp"
	"strings"

	"github.com/archlab/archlab/kernel/wire"
)

// historySession is the session number of this kernel's history. History
// lives in memory for the life of the process (IPython keeps it in SQLite
// across sessions; a Go kernel's state does not outlive its process).
const historySession = 1

// maxHistory bounds the history kept in memory; older cells are forgotten.
const maxHistory = 10000

type historyEntry struct {
	line          int
	input, output string
}

func (k *Kernel) record(line int, input, output string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.history) == maxHistory {
		k.history = append(k.history[:0], k.history[1:]...)
	}
	k.history = append(k.history, historyEntry{line, input, output})
}

type historyRequest struct {
	Output  bool   `json:"output"`
	Raw     bool   `json:"raw"`
	Access  string `json:"hist_access_type"` // "tail", "range" or "search"
	Session int    `json:"session"`
	Start   int    `json:"start"`
	Stop    int    `json:"stop"`
	N       *int   `json:"n"`
	Pattern string `json:"pattern"`
	Unique  bool   `json:"unique"`
}

func (k *Kernel) historyRequest(m *wire.Message) {
	var req historyRequest
	if err := m.DecodeContent(&req); err != nil {
		k.reply(k.socks.Shell, m, "history_reply", errorContent("BadRequest", err.Error()))
		return
	}
	k.mu.Lock()
	entries := append([]historyEntry(nil), k.history...)
	k.mu.Unlock()
	sel := selectHistory(entries, req)
	out := make([]any, 0, len(sel))
	for _, e := range sel {
		if req.Output {
			var o any
			if e.output != "" {
				o = e.output
			}
			out = append(out, []any{historySession, e.line, []any{e.input, o}})
		} else {
			out = append(out, []any{historySession, e.line, e.input})
		}
	}
	k.reply(k.socks.Shell, m, "history_reply", map[string]any{"status": "ok", "history": out})
}

// selectHistory applies a history request to entries (oldest first).
func selectHistory(entries []historyEntry, req historyRequest) []historyEntry {
	last := func(es []historyEntry, n *int) []historyEntry {
		if n != nil && *n >= 0 && *n < len(es) {
			return es[len(es)-*n:]
		}
		return es
	}
	switch req.Access {
	case "tail":
		n := 10
		if req.N != nil {
			n = *req.N
		}
		return last(entries, &n)
	case "range":
		// Session 0 (or a negative offset) means the current session.
		if req.Session > 0 && req.Session != historySession {
			return nil
		}
		var out []historyEntry
		for _, e := range entries {
			if e.line >= req.Start && (req.Stop <= 0 || e.line < req.Stop) {
				out = append(out, e)
			}
		}
		return out
	case "search":
		re := globRegexp(req.Pattern)
		var out []historyEntry
		for _, e := range entries {
			if re.MatchString(e.input) {
				out = append(out, e)
			}
		}
		if req.Unique {
			seen := make(map[string]bool)
			var uniq []historyEntry
			for i := len(out) - 1; i >= 0; i-- { // keep the most recent of each
				if !seen[out[i].input] {
					seen[out[i].input] = true
					uniq = append(uniq, out[i])
				}
			}
			for i, j := 0, len(uniq)-1; i < j; i, j = i+1, j-1 {
				uniq[i], uniq[j] = uniq[j], uniq[i]
			}
			out = uniq
		}
		return last(out, req.N)
	}
	return nil
}

// globRegexp compiles an IPython history pattern (a glob: * any text,
// ? one character) matched against the whole input.
func globRegexp(pattern string) *regexp.Regexp {
	if pattern == "" {
		pattern = "*"
	}
	var b strings.Builder
	b.WriteString(`(?s)^`)
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(`.*`)
		case '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}
