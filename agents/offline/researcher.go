package offline

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"

	"github.com/archlab/archlab/agents"
)

// Config sets up the offline team.
type Config struct {
	// Random makes the Researcher the random control: one uniformly random
	// component change to the parent it is given, reading no memos, no
	// measurements and no references.
	Random bool
	// MaxChanges is the most component changes in one proposal, 1 or 2;
	// 0 means 2.
	MaxChanges int
	// Crossover is the probability of taking a component from a reference
	// that measured better than the parent, e.g. 0.3; 0 means 0.3, a
	// negative value turns crossover off.
	Crossover float64
}

func (c Config) withDefaults() Config {
	if c.MaxChanges <= 0 || c.MaxChanges > 2 {
		c.MaxChanges = 2
	}
	if c.Crossover == 0 {
		c.Crossover = 0.3
	}
	return c
}

// NewTeam returns the offline team: Name "offline", or "random" for the
// random control (whose Engineer, Analyst and Judge are the same).
func NewTeam(c Config) agents.Team {
	name := "offline"
	if c.Random {
		name = "random"
	}
	return agents.Team{
		Name:       name,
		Researcher: NewResearcher(c),
		Engineer:   Engineer{},
		Analyst:    Analyst{},
		Judge:      Judge{},
	}
}

// Researcher proposes a design by mutating the parent's design and
// recombining it with better references, guided by memos and measured
// deltas. It draws all randomness from the input's Seed.
type Researcher struct{ cfg Config }

// NewResearcher returns a Researcher with c's settings.
func NewResearcher(c Config) *Researcher { return &Researcher{cfg: c.withDefaults()} }

// seedStream is the second PCG word: ASCII "research".
const seedStream = 0x7265736561726368

// noise is the seed noise of the validation loss at the one-minute screen
// (≤ 0.021 nats in three seeds, docs ANCHORS.md): deltas below it are
// reported as inconclusive.
const noise = 0.021

// benchNoise is the scale of a meaningful change in the bench (mean task
// accuracy, 0..1). The baseline's seed spread at the CPU screen is below
// 0.01, but a variant's recall is close to all-or-nothing: a layer that
// learns the task more slowly drops from about 0.98 to chance (0.01–0.4,
// measured on single-change variants of DeltaNet). 0.05 makes such a
// collapse outweigh any val-loss gain the catalogue yields (≤ 0.07 nats).
const benchNoise = 0.05

// gain is how much better child measured than parent in noise units: the
// val-loss drop over noise plus, when both report a bench, the bench rise
// over benchNoise. Positive: the child is better. Both must be measured.
func gain(child, parent agents.Measured) float64 {
	g := (parent.ValLoss - child.ValLoss) / noise
	if hasBench(child) && hasBench(parent) {
		g += (child.Bench - parent.Bench) / benchNoise
	}
	return g
}

func hasBench(m agents.Measured) bool { return m.Bench != 0 || len(m.Scores) > 0 }

// merit orders measured candidates on both terms, in the units of gain.
func merit(m agents.Measured) float64 {
	x := -m.ValLoss / noise
	if hasBench(m) {
		x += m.Bench / benchNoise
	}
	return x
}

// Propose implements agents.Researcher.
func (r *Researcher) Propose(ctx context.Context, in agents.ResearchInput) (agents.Proposal, error) {
	if err := ctx.Err(); err != nil {
		return agents.Proposal{}, err
	}
	rng := rand.New(rand.NewPCG(in.Seed, seedStream))
	pd, known := designOfCandidate(in.Parent.Name, in.Parent.Design, in.Parent.Source)
	if r.cfg.Random {
		return r.random(rng, in, pd), nil
	}
	names := map[string]bool{}
	seen := map[string]bool{pd.Key(): true}
	for _, c := range append(append([]agents.Candidate{in.Parent, in.Baseline}, in.Refs...), in.Recent...) {
		names[c.Name] = true
		if d, ok := designOfCandidate(c.Name, c.Design, c.Source); ok {
			seen[d.Key()] = true
		}
	}
	for _, n := range in.Duplicate {
		names[n] = true
	}
	credit := Credit(in)
	keep, avoid := memoHints(in.Memos)
	var (
		nd      Design
		changes []Change
		from    *agents.Candidate
	)
	for try := 0; try < 64; try++ {
		nd, changes, from = r.mutate(rng, in, pd, credit, keep, avoid, seen)
		if len(changes) > 0 && !seen[nd.Key()] {
			break
		}
	}
	if len(changes) == 0 {
		return agents.Proposal{}, fmt.Errorf("offline: no change applies to %q", in.Parent.Name)
	}
	var b strings.Builder
	parentDesc := "its design"
	if !known {
		parentDesc = "the closest catalogue design (" + pd.Describe() + ")"
	}
	fmt.Fprintf(&b, "Start from %s (%s", in.Parent.Name, parentDesc)
	if m := in.Parent.Result; m.ValLoss > 0 {
		fmt.Fprintf(&b, "; val loss %.3f", m.ValLoss)
	}
	b.WriteString(") and change ")
	b.WriteString(joinChanges(changes))
	b.WriteString(". ")
	if from != nil {
		fmt.Fprintf(&b, "Crossover: %s measured val loss %.3f against the parent's %.3f. ",
			from.Name, from.Result.ValLoss, in.Parent.Result.ValLoss)
	}
	for _, c := range changes {
		b.WriteString(evidence(c, credit, keep, avoid))
		b.WriteString(" ")
		if s := citeCognition(c, in.Cognition); s != "" {
			b.WriteString(s + " ")
		}
	}
	return agents.Proposal{
		Name:       uniqueName(proposalName(nd, changes), names),
		Motivation: strings.TrimSpace(b.String()),
		Design:     nd.JSON(),
		Notes:      "design: " + nd.Describe(),
	}, nil
}

// mutate makes 1..MaxChanges changes to pd: a crossover from a better
// reference, or changes drawn by weight (credit, memo hints).
func (r *Researcher) mutate(rng *rand.Rand, in agents.ResearchInput, pd Design, credit map[string]Stat,
	keep, avoid, seen map[string]bool) (Design, []Change, *agents.Candidate) {
	if r.cfg.Crossover > 0 && rng.Float64() < r.cfg.Crossover {
		if ref, rd, ok := betterRef(in); ok {
			if diff := Diff(pd, rd); len(diff) > 0 {
				c := pickWeighted(rng, diff, credit, keep, avoid)
				if nd, err := pd.Apply(c); err == nil {
					return nd, []Change{c}, ref
				}
			}
		}
	}
	n := 1
	if r.cfg.MaxChanges > 1 && rng.Float64() < 0.35 {
		n = 2
	}
	d := pd
	var changes []Change
	for range n {
		moves := slices.DeleteFunc(d.Moves(), func(c Change) bool {
			return slices.ContainsFunc(changes, func(o Change) bool { return o.Field == c.Field })
		})
		// Prefer changes that lead to a design not tried yet.
		fresh := slices.DeleteFunc(slices.Clone(moves), func(c Change) bool {
			nd, err := d.Apply(c)
			return err != nil || seen[nd.Key()]
		})
		if len(fresh) > 0 {
			moves = fresh
		}
		if len(moves) == 0 {
			break
		}
		c := pickWeighted(rng, moves, credit, keep, avoid)
		nd, err := d.Apply(c)
		if err != nil {
			break
		}
		d, changes = nd, append(changes, c)
	}
	return d, changes, nil
}

// betterRef is the reference with a design that measured best on both
// terms (merit), and better than the parent.
func betterRef(in agents.ResearchInput) (*agents.Candidate, Design, bool) {
	var best *agents.Candidate
	var bd Design
	for i := range in.Refs {
		c := &in.Refs[i]
		if !measured(c.Result) || (measured(in.Parent.Result) && gain(c.Result, in.Parent.Result) <= 0) {
			continue
		}
		d, ok := designOfCandidate(c.Name, c.Design, c.Source)
		if !ok {
			continue
		}
		if best == nil || merit(c.Result) > merit(best.Result) {
			best, bd = c, d
		}
	}
	return best, bd, best != nil
}

func measured(m agents.Measured) bool { return m.Status == "done" && m.ValLoss > 0 }

// weight is how much more likely c is drawn than an untested change.
func weight(c Change, credit map[string]Stat, keep, avoid map[string]bool) float64 {
	w := 1.0
	if s, ok := credit[c.String()]; ok {
		if s.N > 0 {
			w *= math.Exp(math.Max(-3, math.Min(3, s.MeanGain())))
		}
		w *= math.Pow(0.5, float64(s.Failed))
	}
	if keep[c.String()] {
		w *= 2
	}
	if avoid[c.String()] {
		w *= 0.25
	}
	return w
}

func pickWeighted(rng *rand.Rand, moves []Change, credit map[string]Stat, keep, avoid map[string]bool) Change {
	ws := make([]float64, len(moves))
	total := 0.0
	for i, c := range moves {
		ws[i] = weight(c, credit, keep, avoid)
		total += ws[i]
	}
	x := rng.Float64() * total
	for i, w := range ws {
		if x < w {
			return moves[i]
		}
		x -= w
	}
	return moves[len(moves)-1]
}

// Stat is the measured record of one component change over the recent
// experiments: how val loss and the bench moved from parent to child.
type Stat struct {
	N      int     // experiments measured (child and parent both done)
	Sum    float64 // Σ (child val loss − parent val loss), nats
	Bench  float64 // Σ (child bench − parent bench), over the NBench pairs that report one
	NBench int     // pairs in Bench
	Gain   float64 // Σ gain(child, parent): both terms in noise units, positive helps
	Failed int     // children that failed (not done)
}

// MeanGain is the mean gain in noise units (positive: the change helped on
// val loss and bench together). It decides how often the change is drawn.
func (s Stat) MeanGain() float64 {
	if s.N == 0 {
		return 0
	}
	return s.Gain / float64(s.N)
}

// MeanBench is the mean bench delta over the pairs that report one.
func (s Stat) MeanBench() float64 {
	if s.NBench == 0 {
		return 0
	}
	return s.Bench / float64(s.NBench)
}

// Mean is the mean val-loss delta (negative: the change helped).
func (s Stat) Mean() float64 {
	if s.N == 0 {
		return 0
	}
	return s.Sum / float64(s.N)
}

// Credit assigns each recent experiment's deltas against its parent (val
// loss, bench, and their gain in noise units) to every component change
// between them, keyed by Change.String(). A
// parent is looked up among the input's candidates by ID.
func Credit(in agents.ResearchInput) map[string]Stat {
	byID := map[int64]agents.Candidate{}
	for _, c := range append(append([]agents.Candidate{in.Baseline, in.Parent}, in.Refs...), in.Recent...) {
		if c.ID != 0 {
			byID[c.ID] = c
		}
	}
	out := map[string]Stat{}
	for _, c := range in.Recent {
		p, ok := byID[c.Parent]
		if c.Parent == 0 || !ok {
			continue
		}
		cd, ok := designOfCandidate(c.Name, c.Design, c.Source)
		if !ok {
			continue
		}
		pdes, _ := designOfCandidate(p.Name, p.Design, p.Source)
		for _, ch := range Diff(pdes, cd) {
			s := out[ch.String()]
			switch {
			case c.Result.Status != "done" && c.Result.Status != "":
				s.Failed++
			case measured(c.Result) && measured(p.Result):
				s.N++
				s.Sum += c.Result.ValLoss - p.Result.ValLoss
				s.Gain += gain(c.Result, p.Result)
				if hasBench(c.Result) && hasBench(p.Result) {
					s.NBench++
					s.Bench += c.Result.Bench - p.Result.Bench
				}
			}
			out[ch.String()] = s
		}
	}
	return out
}

var hintLine = regexp.MustCompile(`(?mi)^\s*(?:[-*]\s*)?(keep|avoid):\s*(.+)$`)
var changeTok = regexp.MustCompile(`[a-z_.]+=[a-z0-9_]+`)

// memoHints reads "keep: field=value, ..." and "avoid: ..." lines, as the
// offline Analyst writes them in a memo's lessons.
func memoHints(memos []string) (keep, avoid map[string]bool) {
	keep, avoid = map[string]bool{}, map[string]bool{}
	for _, m := range memos {
		for _, l := range hintLine.FindAllStringSubmatch(m, -1) {
			set := keep
			if strings.EqualFold(l[1], "avoid") {
				set = avoid
			}
			for _, t := range changeTok.FindAllString(l[2], -1) {
				set[t] = true
			}
		}
	}
	return keep, avoid
}

// evidence is one sentence of measured support (or its absence) for c.
func evidence(c Change, credit map[string]Stat, keep, avoid map[string]bool) string {
	var parts []string
	if s, ok := credit[c.String()]; ok && (s.N > 0 || s.Failed > 0) {
		if s.N > 0 {
			verb := "improved"
			if s.Mean() > 0 {
				verb = "worsened"
			}
			tail := ""
			if math.Abs(s.Mean()) < noise {
				tail = ", within seed noise"
			}
			parts = append(parts, fmt.Sprintf("Experiments that set %s %s val loss by %.3f on average over %d experiments%s",
				c, verb, math.Abs(s.Mean()), s.N, tail))
			if s.NBench > 0 && math.Abs(s.MeanBench()) >= benchNoise {
				verb := "raised"
				if s.MeanBench() < 0 {
					verb = "lowered"
				}
				parts = append(parts, fmt.Sprintf("they %s the bench by %.3f on average", verb, math.Abs(s.MeanBench())))
			}
		}
		if s.Failed > 0 {
			parts = append(parts, fmt.Sprintf("%d with it failed", s.Failed))
		}
	} else {
		parts = append(parts, fmt.Sprintf("%s is untested here: %s", c, rationale(c)))
	}
	if keep[c.String()] {
		parts = append(parts, "a memo says to keep it")
	}
	if avoid[c.String()] {
		parts = append(parts, "a memo says to avoid it, drawn anyway to test it again")
	}
	return strings.Join(parts, "; ") + "."
}

// rationale is what the literature and ASI-ARCH's winners say about c.
func rationale(c Change) string {
	switch c.String() {
	case "out_gate=silu", "out_gate=sigmoid":
		return "an output gate lets each head suppress its read-out (Gated DeltaNet; ASI-ARCH's delta_net_headgated)"
	case "decay=mamba", "decay=sigmoid":
		return "a data-dependent decay lets the memory forget (Gated DeltaNet, Mamba2)"
	case "path.local=on":
		return "a short-convolution path keeps local detail (83 of ASI-ARCH's 106 winners have FIR paths)"
	case "path.identity=on":
		return "an identity path keeps the value itself available (ASI-ARCH's value/identity branches, e.g. delta_net_dlgm)"
	case "path.fast_memory=on":
		return "a second memory with a fast decay fuses two time scales (ASI-ARCH's delta_net_dyn_gate_mix, delta_net_head_gate_ema)"
	case "router_stats=on":
		return "a content-aware router sees each path's output statistics (ASI-ARCH's delta_net_cagf family)"
	case "router_floor=on":
		return "a probability floor keeps every path trained (ASI-ARCH's delta_net_cagf_br, delta_net_ms_hsm_widefloor)"
	case "beta=sigmoid2":
		return "β in (0,2) allows negative eigenvalues of the state transition (DeltaProduct)"
	case "router=sigmoid":
		return "independent sigmoid gates per path instead of a softmax"
	}
	switch c.Field {
	case "conv", "local_conv":
		return "the convolution width sets how far the local receptive field reaches"
	case "feature_map":
		return "the q/k feature map shapes which keys interfere in the memory"
	}
	return "a component of the catalogue not measured yet"
}

// keywords of each field, to find cognition snippets about it.
var fieldWords = map[string][]string{
	"rule": {"delta rule", "linear attention"}, "decay": {"decay", "forget", "gating"},
	"feature_map": {"feature map", "kernel"}, "conv": {"convolution"}, "beta": {"eigenvalue", "beta"},
	"out_gate": {"output gate", "gating"}, "out_norm": {"normalization", "norm"},
	"path.local": {"convolution", "local"}, "path.identity": {"identity", "residual"},
	"path.fast_memory": {"multi-scale", "memory"}, "local_conv": {"convolution"},
	"router": {"router", "routing"}, "router_stats": {"routing", "content"}, "router_floor": {"routing", "floor"},
}

func citeCognition(c Change, snips []agents.Snippet) string {
	for _, s := range snips {
		t := strings.ToLower(s.Title + " " + s.Text)
		for _, w := range fieldWords[c.Field] {
			if strings.Contains(t, w) {
				return fmt.Sprintf("Cognition %s (%s) discusses %s.", s.ID, s.Title, w)
			}
		}
	}
	return ""
}

func joinChanges(cs []Change) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.String()
	}
	return strings.Join(s, " and ")
}

// label is a change as a name fragment, e.g. "silu_gate", "no_local".
func label(c Change) string {
	switch c.Field {
	case "rule":
		return c.Value + "_rule"
	case "decay":
		if c.Value == "none" {
			return "no_decay"
		}
		return c.Value + "_decay"
	case "feature_map":
		return c.Value + "_qk"
	case "conv":
		if c.Value == "0" {
			return "no_conv"
		}
		return "conv" + c.Value
	case "beta":
		return map[string]string{"sigmoid": "beta1", "sigmoid2": "beta2", "const": "const_beta"}[c.Value]
	case "out_gate":
		if c.Value == "none" {
			return "no_gate"
		}
		return c.Value + "_gate"
	case "out_norm":
		return map[string]string{"rms": "rms_out", "none": "no_out_norm"}[c.Value]
	case "local_conv":
		return "local" + c.Value
	case "router":
		return c.Value + "_router"
	}
	if p, ok := strings.CutPrefix(c.Field, "path."); ok {
		if c.Value == "on" {
			return p
		}
		return "no_" + p
	}
	if f, ok := strings.CutPrefix(c.Field, "router_"); ok {
		if c.Value == "on" {
			return f + "_router"
		}
		return "no_router_" + f
	}
	return c.Field + "_" + c.Value
}

func proposalName(d Design, cs []Change) string {
	parts := []string{d.Rule}
	for _, c := range cs {
		parts = append(parts, label(c))
	}
	return strings.Join(parts, "_")
}

func uniqueName(name string, taken map[string]bool) string {
	if !taken[name] {
		return name
	}
	for i := 2; ; i++ {
		if n := fmt.Sprintf("%s_v%d", name, i); !taken[n] {
			return n
		}
	}
}

// random is the random control: one uniformly random component change.
func (r *Researcher) random(rng *rand.Rand, in agents.ResearchInput, pd Design) agents.Proposal {
	moves := pd.Moves()
	c := moves[rng.IntN(len(moves))]
	nd, err := pd.Apply(c)
	if err != nil {
		panic("offline: a listed move does not apply: " + err.Error()) // Moves lists only valid changes
	}
	taken := map[string]bool{in.Parent.Name: true}
	for _, n := range in.Duplicate {
		taken[n] = true
	}
	return agents.Proposal{
		Name: uniqueName("random_"+label(c), taken),
		Motivation: fmt.Sprintf("Random control: one uniformly random component change (%s) to %s; no memos, measurements or references read.",
			c, in.Parent.Name),
		Design: nd.JSON(),
		Notes:  "design: " + nd.Describe(),
	}
}
