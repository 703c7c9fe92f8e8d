package agents

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// Measured is what the training core measured for one experiment: the
// facts every role reads (never the LLM's own words).
type Measured struct {
	Status    string             `json:"status"`           // done, failed, rejected, ...
	Reason    string             `json:"reason,omitempty"` // typed failure reason (lib/exec), when not done
	ValLoss   float64            `json:"val_loss"`         // held-out loss, nats/token
	FinalLoss float64            `json:"final_loss"`       // training loss over the last 10% of steps
	Scores    map[string]float64 `json:"scores,omitempty"` // per task accuracy
	Bench     float64            `json:"bench"`            // mean of Scores
	Params    int                `json:"params"`           // layer parameters
	Fitness   float64            `json:"fitness"`          // the loop's fitness, 0..1
	WallS     float64            `json:"wall_s,omitempty"` // wall seconds of the training run
	Extra     map[string]float64 `json:"extra,omitempty"`  // anything else measured (flops_exponent, ...)
	Error     string             `json:"error,omitempty"`  // the failure's message
}

// Candidate is one stored experiment as the roles see it.
type Candidate struct {
	ID         int64           `json:"id"`
	Parent     int64           `json:"parent,omitempty"` // 0: none
	Name       string          `json:"name"`
	Motivation string          `json:"motivation"`
	Design     json.RawMessage `json:"design,omitempty"` // the offline agents' structured design, when known
	Source     string          `json:"source"`
	Result     Measured        `json:"result"`
	Memo       string          `json:"memo,omitempty"` // the Analyst's memo on it
}

// Snippet is one retrieved cognition entry.
type Snippet struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Text  string  `json:"text"`
	Score float64 `json:"score"`
}

// ResearchInput is what the Researcher reads.
type ResearchInput struct {
	Seed      uint64      // per-call seed (search seed, experiment, attempt): offline agents draw from it
	Parent    Candidate   // the design to improve
	Refs      []Candidate // references from the next ranks of the pool
	Baseline  Candidate   // the baseline (experiment 1)
	Memos     []string    // recent Analyst memos (parent's lineage first)
	Cognition []Snippet   // retrieved cognition entries (nil when cognition is off)
	Recent    []Candidate // the last experiments (any status), most recent first: what was just tried
	Duplicate []string    // set on a retry: names/motivations of the near-duplicates a previous proposal matched
}

// Proposal is the Researcher's reply.
type Proposal struct {
	Name       string          `json:"name"`             // short snake_case name, e.g. "gated_delta_conv8"
	Motivation string          `json:"motivation"`       // why it should beat the parent
	Design     json.RawMessage `json:"design,omitempty"` // structured design (offline agents) or free notes (LLMs)
	Notes      string          `json:"notes,omitempty"`  // implementation notes for the Engineer
}

// Feedback is why the previous source was refused: the Engineer's repair input.
type Feedback struct {
	Kind     string `json:"kind"`               // "compile", "check" or "run"
	Reason   string `json:"reason"`             // typed reason: compile, shape, causality, ..., crash, timeout, memory, nonfinite
	Message  string `json:"message"`            // the error text, with line:col for compile errors
	Report   []byte `json:"report,omitempty"`   // the check report (JSON), when Kind is "check"
	Exit     int    `json:"exit,omitempty"`     // the worker's exit status, when Kind is "run"
	LogTail  string `json:"log_tail,omitempty"` // the last lines of the worker's log
	Attempts int    `json:"attempts"`           // attempts so far
}

// EngineerInput is what the Engineer reads.
type EngineerInput struct {
	Seed         uint64
	Proposal     Proposal
	ParentSource string
	Contract     string    // arch.Contract
	Previous     string    // the previous attempt's source, on a repair
	Feedback     *Feedback // nil on the first attempt
}

// Code is the Engineer's reply.
type Code struct {
	Source string `json:"source"`
	Notes  string `json:"notes,omitempty"`
}

// AnalysisInput is what the Analyst reads.
type AnalysisInput struct {
	Seed        uint64
	Experiment  Candidate
	Parent      *Candidate // nil for the baseline
	Grandparent *Candidate
	Siblings    []Candidate
	Baseline    Candidate
}

// Memo is the Analyst's reply, in fixed sections.
type Memo struct {
	Summary        string `json:"summary"`         // what was tried and what happened, in numbers
	VsParent       string `json:"vs_parent"`       // the comparison with the parent (and grandparent)
	VsSiblings     string `json:"vs_siblings"`     // what the siblings tried and how they did
	Lessons        string `json:"lessons"`         // what to keep, what to avoid
	CognitionQuery string `json:"cognition_query"` // a search query for the cognition base
}

// JudgeInput is what the Judge reads.
type JudgeInput struct {
	Seed       uint64
	Name       string
	Motivation string
	Source     string
	Result     Measured
	Baseline   Candidate
	Novelty    float64 // distance to the nearest earlier design, 0 (same) .. 1
}

// Grade is the Judge's reply: each score 1..10.
type Grade struct {
	Performance int    `json:"performance"`
	Innovation  int    `json:"innovation"`
	Complexity  int    `json:"complexity"`
	Rationale   string `json:"rationale"`
}

// Researcher proposes the next design.
type Researcher interface {
	Propose(ctx context.Context, in ResearchInput) (Proposal, error)
}

// Engineer writes (and repairs) a layer's source.
type Engineer interface {
	Write(ctx context.Context, in EngineerInput) (Code, error)
}

// Analyst writes the memo on a finished experiment.
type Analyst interface {
	Analyze(ctx context.Context, in AnalysisInput) (Memo, error)
}

// Judge grades a finished experiment.
type Judge interface {
	Grade(ctx context.Context, in JudgeInput) (Grade, error)
}

// Team is the four roles the loop calls. Judge may be nil (fitness then
// has two terms).
type Team struct {
	Name       string // "offline", "openai:MODEL", ...
	Researcher Researcher
	Engineer   Engineer
	Analyst    Analyst
	Judge      Judge
}

// CallRecord is one LLM call (or one offline role call), as the store keeps it.
type CallRecord struct {
	Role       string    `json:"role"`     // researcher, engineer, analyst, judge, embed
	Provider   string    `json:"provider"` // offline, openai, anthropic, replay
	Model      string    `json:"model"`
	PromptHash string    `json:"prompt_hash"` // sha256 of the rendered request
	Request    string    `json:"request"`     // the rendered request (no keys), for replay
	Reply      string    `json:"reply"`       // the raw reply text
	TokensIn   int       `json:"tokens_in"`
	TokensOut  int       `json:"tokens_out"`
	LatencyS   float64   `json:"latency_s"`
	CostUSD    float64   `json:"cost_usd"`
	Attempt    int       `json:"attempt"` // 1-based within one role call
	Error      string    `json:"error,omitempty"`
	Time       time.Time `json:"time"`
}

// Recorder receives every call. The loop's recorder writes them to the
// store with the experiment they belong to.
type Recorder interface {
	RecordCall(ctx context.Context, c CallRecord) error
}

// ErrBudget is returned (wrapped) by a role when the search's LLM cost cap
// (max_cost_usd) is reached: the loop stops cleanly.
var ErrBudget = errors.New("agents: the LLM cost cap is reached")

// ErrInvalidReply is returned (wrapped) when a role's replies stayed
// invalid after every allowed retry.
var ErrInvalidReply = errors.New("agents: no valid reply within the retry bound")
