package search

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/store"
	"github.com/archlab/archlab/lib/train"
)

// Options are what a Loop is built with beside its Config.
type Options struct {
	Team     agents.Team   // the roles; zero: the config's llm, calls stored (see Open)
	Executor exec.Executor // runs checks and training in worker processes; nil: the config's (see Open)
	Logger   *slog.Logger  // default slog.Default()
	OnEvent  func(Event)   // called after every stored state change; must be quick
	Snippets SnippetSource // cognition retrieval, nil: none
}

// SnippetSource retrieves cognition entries for a query.
type SnippetSource interface {
	Snippets(query string, k int) []agents.Snippet
}

// Event is one state change of an experiment, for progress displays.
type Event struct {
	Exp  *store.Experiment // a copy of the row as stored
	What string            // "proposed", "checked", "rejected", "queued", "running", "done", "failed", "repair"
}

// Budget bounds Run. A zero field is no bound; Run needs at least one.
type Budget struct {
	Experiments int           // finished stage-1 experiments in the run (the baseline included)
	Wall        time.Duration // from the call to Run: no experiment starts after it
	DeviceHours float64       // measured device hours of the whole run
	CPUHours    float64       // measured worker CPU hours of the whole run (checks and training)
}

// Loop is one search over a run folder. Build it with Open; drive it with
// Step or Run; Close it.
type Loop struct {
	cfg  Config
	st   *store.Store
	opt  Options
	sel  Selector
	log  *slog.Logger
	mu   sync.Mutex // serialises selection and proposal
	spec [3]train.Spec
}

// Open opens (or creates) the run folder dir. A new run stores cfg (nil:
// the defaults); an existing run resumes under its stored config, and a
// cfg that differs from it (other than in workers) is an error.
//
// A zero Options.Team is the config's llm (NewTeam), its calls stored in
// the run. A nil Options.Executor is the local process pool of the config's
// workers and threads, running this program as `archlab worker` (in a
// notebook kernel or `archlab run`, the archlab binary itself), or for a
// config whose executor is "slurm" the Slurm executor of its slurm
// settings (see NewExecutor), so a notebook scales out by config alone.
func Open(dir string, cfg *Config, opt Options) (*Loop, error) {
	t := opt.Team
	noTeam := t.Researcher == nil && t.Engineer == nil && t.Analyst == nil && t.Judge == nil
	if !noTeam && (t.Researcher == nil || t.Engineer == nil || t.Analyst == nil) {
		return nil, errors.New("search: Options.Team needs a Researcher, an Engineer and an Analyst (or none: the config's llm)")
	}
	st, err := store.Open(dir, store.Options{})
	if err != nil {
		return nil, err
	}
	l := &Loop{st: st, opt: opt, log: opt.Logger}
	if l.log == nil {
		l.log = slog.Default()
	}
	ctx := context.Background()
	stored, ok, err := st.Meta(ctx, "config")
	if err != nil {
		st.Close()
		return nil, err
	}
	switch {
	case ok:
		c, err := ParseConfig(stored)
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("search: the stored config of %s: %w", dir, err)
		}
		if cfg != nil {
			want := *cfg
			want.fill()
			want.Workers = c.Workers
			a, _ := json.Marshal(want)
			b, _ := json.Marshal(c)
			if string(a) != string(b) {
				st.Close()
				return nil, fmt.Errorf("search: %s was created with another config; resume it without one (its config is stored in the run) or start a new run folder", dir)
			}
			c.Workers = cfg.Workers
		}
		l.cfg = c
	default:
		c := Defaults()
		if cfg != nil {
			c = *cfg
			c.fill()
		}
		if err := c.Validate(); err != nil {
			st.Close()
			return nil, err
		}
		b, _ := json.MarshalIndent(c, "", "  ")
		if err := st.SetMeta(ctx, "config", b); err != nil {
			st.Close()
			return nil, err
		}
		l.cfg = c
	}
	if noTeam {
		team, err := NewTeam(l.cfg, l) // the loop stores every call
		if err != nil {
			st.Close()
			return nil, err
		}
		l.opt.Team = team
	}
	if l.opt.Executor == nil {
		ex, err := NewExecutor(l.cfg, l.cfg.Workers, l.log)
		if err != nil {
			st.Close()
			return nil, fmt.Errorf("search: the config's executor (%s): %w", cmp.Or(l.cfg.Executor, "local"), err)
		}
		l.opt.Executor = ex
	}
	l.sel = NewSelector(l.cfg.Selector, l.cfg.Pool)
	l.spec[1], l.spec[2] = l.cfg.StageSpec(1), l.cfg.StageSpec(2)
	return l, nil
}

// Config returns the loop's configuration.
func (l *Loop) Config() Config { return l.cfg }

// Executor returns the executor the loop runs its jobs with.
func (l *Loop) Executor() exec.Executor { return l.opt.Executor }

// Store returns the loop's store (for reading; the loop is its only writer).
func (l *Loop) Store() *store.Store { return l.st }

// Close releases the run folder.
func (l *Loop) Close() error { return l.st.Close() }

// seedFor derives a per-experiment seed from the search seed: the same
// search seed and experiment id always give the same agents' draws.
func seedFor(search uint64, id int64, salt string) uint64 {
	h := sha256.New()
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], search)
	binary.LittleEndian.PutUint64(b[8:], uint64(id))
	h.Write(b[:])
	h.Write([]byte(salt))
	return binary.LittleEndian.Uint64(h.Sum(nil))
}

func hashSource(src string) string {
	s := sha256.Sum256([]byte(src))
	return hex.EncodeToString(s[:])
}

func (l *Loop) emit(e *store.Experiment, what string) {
	l.log.Info("search: "+what, "exp", e.ID, "name", e.Name, "stage", e.Stage, "status", e.Status, "reason", e.Reason)
	if l.opt.OnEvent != nil {
		c := *e
		l.opt.OnEvent(Event{Exp: &c, What: what})
	}
}

// save stores e; every state change goes through it before it is acted on.
func (l *Loop) save(ctx context.Context, e *store.Experiment, what string) error {
	if err := l.st.Update(context.WithoutCancel(ctx), e); err != nil {
		return err
	}
	l.emit(e, what)
	return nil
}

type expKey struct{}

// withExp marks ctx as belonging to experiment id, for the call recorder.
func withExp(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, expKey{}, id)
}

// RecordCall stores one agent call against the experiment in ctx.
func (l *Loop) RecordCall(ctx context.Context, c agents.CallRecord) error {
	id, _ := ctx.Value(expKey{}).(int64)
	_, err := l.st.AddCall(context.WithoutCancel(ctx), id, c)
	return err
}

// Finished counts the stage-1 experiments that reached an end (done,
// failed or rejected).
func (l *Loop) Finished(ctx context.Context) (int, error) {
	es, err := l.st.List(ctx, store.Filter{Stage: 1, Status: []store.Status{store.Done, store.Failed, store.Rejected}})
	return len(es), err
}

// Step runs one cycle: the baseline first, then an interrupted experiment
// if there is one, else a new proposal, through to its end. It returns the
// experiment as stored.
func (l *Loop) Step(ctx context.Context) (*store.Experiment, error) {
	e, err := l.next(ctx)
	if err != nil {
		return nil, err
	}
	if err := l.advance(ctx, e); err != nil {
		return e, err
	}
	return e, nil
}

// next returns the experiment to advance: the baseline when missing, the
// oldest unfinished one, or a new proposal.
func (l *Loop) next(ctx context.Context) (*store.Experiment, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	base, err := l.baseline(ctx)
	if err != nil {
		return nil, err
	}
	if !terminal(base.Status) {
		return base, nil
	}
	open, err := l.st.List(ctx, store.Filter{Stage: 1, Status: []store.Status{store.Proposed, store.Checked, store.Queued, store.Running}})
	if err != nil {
		return nil, err
	}
	if len(open) > 0 {
		return open[0], nil
	}
	return l.propose(ctx, base)
}

func terminal(s store.Status) bool {
	return s == store.Done || s == store.Failed || s == store.Rejected
}

// baseline returns experiment 1, creating it on a new run.
func (l *Loop) baseline(ctx context.Context) (*store.Experiment, error) {
	e, err := l.st.Get(ctx, 1)
	if err == nil {
		return e, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	src, name, err := loadBaseline(l.cfg.Baseline)
	if err != nil {
		return nil, err
	}
	e = &store.Experiment{Name: name, Motivation: "the baseline: " + l.cfg.Baseline + ", trained with several seeds so its spread is known",
		Stage: 1, Status: store.Proposed, Source: src, SourceHash: hashSource(src)}
	e.Seed = seedFor(l.cfg.Seed, 1, "exp")
	e.FitnessJudge = math.NaN()
	if _, err := l.st.Insert(context.WithoutCancel(ctx), e); err != nil {
		return nil, err
	}
	l.emit(e, "proposed")
	return e, nil
}

func loadBaseline(spec string) (src, name string, err error) {
	if n, ok := strings.CutPrefix(spec, "zoo:"); ok {
		src, err = arch.ZooSource(n)
		return src, n, err
	}
	l, err := train.LoadLayer(spec)
	if err != nil {
		return "", "", fmt.Errorf("search: baseline: %w", err)
	}
	return l.Src, strings.TrimSuffix(l.Name, ".go"), nil
}

// view builds the Selector's view of the stage-1 experiments.
func (l *Loop) view(ctx context.Context, base *store.Experiment) (*View, []*store.Experiment, error) {
	all, err := l.st.List(ctx, store.Filter{Stage: 1})
	if err != nil {
		return nil, nil, err
	}
	v := &View{ByID: map[int64]*store.Experiment{}, Children: map[int64][]*store.Experiment{}, Baseline: base, N: len(all) - 1}
	for _, e := range all {
		v.ByID[e.ID] = e
		if e.Parent != 0 {
			v.Children[e.Parent] = append(v.Children[e.Parent], e)
		}
		if e.Status == store.Done && !math.IsNaN(e.Fitness) {
			v.Ranked = append(v.Ranked, e)
		}
	}
	slices.SortStableFunc(v.Ranked, func(a, b *store.Experiment) int {
		if c := cmp.Compare(b.Fitness, a.Fitness); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return v, all, nil
}

// candidate is a stored experiment as the agents see it.
func candidate(e *store.Experiment) agents.Candidate {
	return agents.Candidate{ID: e.ID, Parent: e.Parent, Name: e.Name, Motivation: e.Motivation, Design: e.Design,
		Source: e.Source, Memo: e.Memo, Result: measured(e)}
}

func measured(e *store.Experiment) agents.Measured {
	// Wall time stays out: it varies from run to run, and what the agents
	// read must not, or a resumed search would differ from an
	// uninterrupted one.
	m := agents.Measured{Status: string(e.Status), Reason: e.Reason, ValLoss: e.ValLoss, FinalLoss: e.FinalLoss,
		Scores: e.Scores, Bench: e.Bench, Params: e.Params, Fitness: e.Fitness, Error: e.Error}
	for _, f := range []*float64{&m.ValLoss, &m.FinalLoss, &m.Bench, &m.Fitness} {
		if math.IsNaN(*f) {
			*f = 0
		}
	}
	return m
}

// propose selects a parent and references and stores them as a new
// experiment with no proposal yet: the selection is stored before the
// Researcher acts on it, and an interrupted proposal is asked again with
// the same inputs.
func (l *Loop) propose(ctx context.Context, base *store.Experiment) (*store.Experiment, error) {
	v, _, err := l.view(ctx, base)
	if err != nil {
		return nil, err
	}
	last, err := l.st.List(ctx, store.Filter{Newest: true, Limit: 1}) // any stage: stage-2 rows take ids too
	if err != nil {
		return nil, err
	}
	nextID := last[0].ID + 1
	seed := seedFor(l.cfg.Seed, nextID, "exp")
	rng := rand.New(rand.NewPCG(seed, 0x5e1ec7))
	parent, refs := l.sel.Select(v, rng)
	e := &store.Experiment{Parent: parent.ID, Stage: 1, Status: store.Proposed, Seed: seed, FitnessJudge: math.NaN()}
	for _, r := range refs {
		e.Refs = append(e.Refs, r.ID)
	}
	id, err := l.st.Insert(context.WithoutCancel(ctx), e)
	if err != nil {
		return nil, err
	}
	if id != nextID {
		return nil, fmt.Errorf("search: the store gave id %d where %d was expected: is another process writing this run?", id, nextID)
	}
	l.emit(e, "selected")
	return e, nil
}

// research asks the Researcher for e's proposal (e holds its parent and
// references), retrying with the near-duplicates named, and stores it.
func (l *Loop) research(ctx context.Context, e *store.Experiment, dupOf []string) error {
	base, err := l.st.Get(ctx, 1)
	if err != nil {
		return err
	}
	v, all, err := l.view(ctx, base)
	if err != nil {
		return err
	}
	parent := v.ByID[e.Parent]
	if parent == nil {
		return fmt.Errorf("search: experiment %d: parent %d is not a stage-1 experiment", e.ID, e.Parent)
	}
	in := agents.ResearchInput{Parent: candidate(parent), Baseline: candidate(base)}
	for _, id := range e.Refs {
		if r := v.ByID[id]; r != nil {
			in.Refs = append(in.Refs, candidate(r))
		}
	}
	var earlier []*store.Experiment
	for _, o := range all {
		if o.ID < e.ID {
			earlier = append(earlier, o)
		}
	}
	for i := len(earlier) - 1; i >= 0 && len(in.Recent) < 12; i-- {
		in.Recent = append(in.Recent, candidate(earlier[i]))
	}
	if !l.cfg.NoAnalysis {
		in.Memos = l.memos(v, parent, e.ID)
	} else {
		in.Parent.Memo = ""
		for i := range in.Refs {
			in.Refs[i].Memo = ""
		}
		for i := range in.Recent {
			in.Recent[i].Memo = ""
		}
	}
	if l.opt.Snippets != nil {
		q := parent.Name + " " + parent.Motivation
		if m := memoOf(parent.Memo); m.CognitionQuery != "" && !l.cfg.NoAnalysis {
			q = m.CognitionQuery
		}
		in.Cognition = l.opt.Snippets.Snippets(q, 3)
	}
	var p agents.Proposal
	dups := dupOf
	salt := "researcher#"
	if len(dupOf) > 0 {
		salt = "researcher-dup#" + e.SourceHash + "#"
	}
	for attempt := range l.cfg.MaxProposals {
		in.Duplicate = dups
		in.Seed = seedFor(l.cfg.Seed, e.ID, salt+strconv.Itoa(attempt))
		p, err = l.opt.Team.Researcher.Propose(ctx, in)
		if err != nil {
			if errors.Is(err, agents.ErrBudget) || ctx.Err() != nil {
				return err
			}
			return l.reject(ctx, e, "researcher", err.Error())
		}
		dups = append(dupOf, nearDuplicates(p, earlier)...)
		if len(dups) == len(dupOf) {
			break
		}
	}
	e.Name, e.Motivation, e.Design = p.Name, p.Motivation, p.Design
	e.Cognition = nil
	for _, s := range in.Cognition {
		e.Cognition = append(e.Cognition, s.ID)
	}
	if len(dups) > len(dupOf) {
		e.Status, e.Reason = store.Rejected, "duplicate"
		e.Error = "the proposal repeats " + strings.Join(dups, "; ")
		e.Finished = time.Now().UTC()
		return l.save(ctx, e, "rejected")
	}
	return l.save(ctx, e, "proposed")
}

// memos returns the memos the Researcher reads: the parent's lineage first,
// then the most recent others.
func (l *Loop) memos(v *View, parent *store.Experiment, before int64) []string {
	var out []string
	seen := map[int64]bool{}
	for e := parent; e != nil && len(out) < 3; e = v.ByID[e.Parent] {
		if e.Memo != "" {
			out = append(out, e.Memo)
		}
		seen[e.ID] = true
		if e.Parent == 0 {
			break
		}
	}
	var ids []int64
	for id := range v.ByID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for i := len(ids) - 1; i >= 0 && len(out) < 6; i-- {
		if e := v.ByID[ids[i]]; !seen[e.ID] && e.Memo != "" && e.ID < before {
			out = append(out, e.Memo)
		}
	}
	return out
}

func memoOf(s string) agents.Memo {
	var m agents.Memo
	if s != "" {
		_ = json.Unmarshal([]byte(s), &m) // a memo that is not JSON has no query
	}
	return m
}

// nearDuplicates names the earlier experiments whose design equals p's, or
// whose motivation is nearly the same text.
func nearDuplicates(p agents.Proposal, all []*store.Experiment) []string {
	var out []string
	words := wordSet(p.Motivation)
	for _, e := range all {
		if e.Status == store.Rejected && e.Reason == "duplicate" {
			continue
		}
		same := len(p.Design) > 0 && len(e.Design) > 0 && canonJSON(p.Design) == canonJSON(e.Design)
		if !same && jaccard(words, wordSet(e.Motivation)) > 0.9 {
			same = true
		}
		if same {
			out = append(out, fmt.Sprintf("#%d %s", e.ID, e.Name))
		}
	}
	return out
}

func canonJSON(b []byte) string {
	var v any
	if json.Unmarshal(b, &v) != nil {
		return string(b)
	}
	c, _ := json.Marshal(v) // maps marshal with sorted keys
	return string(c)
}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if len(w) > 2 {
			m[w] = true
		}
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	var inter int
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
