package offline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/archlab/archlab/agents"
)

// ErrNoDesign is returned (wrapped) by the Engineer for a proposal without
// a design, such as an LLM Researcher's: the offline Engineer renders only
// designs.
var ErrNoDesign = errors.New("offline: the proposal has no design")

// ErrNoRepair is returned (wrapped) when a design that failed is already as
// plain as the repair ladder goes.
var ErrNoRepair = errors.New("offline: no repair left for this design")

// Engineer renders a proposal's Design to a layer source, and on a repair
// changes the design minimally for the failure and renders it again.
type Engineer struct{}

// Write implements agents.Engineer.
func (Engineer) Write(ctx context.Context, in agents.EngineerInput) (agents.Code, error) {
	if err := ctx.Err(); err != nil {
		return agents.Code{}, err
	}
	name := in.Proposal.Name
	if len(in.Proposal.Design) == 0 || string(in.Proposal.Design) == "null" {
		return agents.Code{}, fmt.Errorf("%w: %q needs an LLM Engineer", ErrNoDesign, name)
	}
	d, err := ParseDesign(in.Proposal.Design)
	if err != nil {
		return agents.Code{}, fmt.Errorf("offline: proposal %q: %w", name, err)
	}
	note := "rendered: " + d.Describe()
	if in.Feedback != nil {
		// Repairs accumulate: start from the design the previous source was
		// rendered from, when it says.
		if prev, ok, err := DesignOf(in.Previous); ok && err == nil {
			d = prev
		}
		var c Change
		d, c, err = Repair(d, *in.Feedback, in.Previous)
		if err != nil {
			return agents.Code{}, fmt.Errorf("offline: repair %q: %w", name, err)
		}
		note = fmt.Sprintf("repaired for %s: %s", failureName(*in.Feedback), c)
	}
	src, err := Render(name, d)
	if err != nil {
		return agents.Code{}, err
	}
	return agents.Code{Source: src, Notes: note}, nil
}

// failures lists what a Feedback says failed: the failed check names of a
// check report, else its typed reason, else its kind.
func failures(fb agents.Feedback) []string {
	var out []string
	if fb.Kind == "check" && len(fb.Report) > 0 {
		var rep struct {
			Checks []struct {
				Name   string `json:"name"`
				OK     bool   `json:"ok"`
				Reason string `json:"reason"`
			} `json:"checks"`
		}
		if json.Unmarshal(fb.Report, &rep) == nil {
			for _, c := range rep.Checks {
				if !c.OK && !strings.HasPrefix(c.Reason, "skipped") {
					out = append(out, c.Name)
				}
			}
		}
	}
	if len(out) == 0 && fb.Reason != "" {
		out = append(out, fb.Reason)
	}
	if len(out) == 0 {
		out = append(out, fb.Kind)
	}
	return out
}

func failureName(fb agents.Feedback) string {
	return fb.Kind + " " + strings.Join(failures(fb), ", ")
}

// The repair ladders: for each kind of failure, the single changes to try,
// first applicable first. Each moves the design one component towards
// DeltaNet, which passes every check.
var (
	// finite: add normalisation, bound the write strength, drop the least
	// tested paths.
	ladderFinite = []Change{
		{"out_norm", "rms"}, {"beta", "sigmoid"}, {"feature_map", "silu"}, {"router_stats", "off"},
		{"path.fast_memory", "off"}, {"decay", "sigmoid"}, {"out_gate", "none"},
	}
	// params, complexity, memory, timeout: drop the extra paths and
	// projections first.
	ladderCost = []Change{
		{"path.fast_memory", "off"}, {"path.local", "off"}, {"path.identity", "off"},
		{"out_gate", "none"}, {"conv", "4"}, {"decay", "none"},
	}
	// anything else (compile, shape, causality, a crash): simplify.
	ladderSimplify = []Change{
		{"path.fast_memory", "off"}, {"router_stats", "off"}, {"path.local", "off"}, {"path.identity", "off"},
		{"beta", "sigmoid"}, {"out_gate", "none"}, {"feature_map", "silu"}, {"decay", "none"},
		{"conv", "4"}, {"out_norm", "rms"}, {"rule", "delta"},
	}
)

// blame maps an identifier on a failing source line to the component that
// wrote it, for compile and run errors with a position.
var blame = []struct {
	ident string
	c     Change
}{
	{"fast", Change{"path.fast_memory", "off"}}, {"Wb2", Change{"path.fast_memory", "off"}},
	{"local", Change{"path.local", "off"}}, {"l.Cl", Change{"path.local", "off"}},
	{"ident", Change{"path.identity", "off"}},
	{"stats", Change{"router_stats", "off"}}, {"l.Ws", Change{"router_stats", "off"}},
	{"l.Wg", Change{"out_gate", "none"}}, {"l.Bb", Change{"beta", "sigmoid"}}, {"perHead", Change{"beta", "sigmoid"}},
	{"l.ALog", Change{"decay", "none"}}, {"l.Ba", Change{"decay", "none"}},
}

var lineRef = regexp.MustCompile(`(?:^|[^0-9])(\d+):(\d+)`)

// Repair returns d changed by one component for the failure fb, and the
// change made. prev is the failing source, whose line named in a compile
// or run error points at the component to drop. It returns ErrNoRepair when
// no change on the ladder applies.
func Repair(d Design, fb agents.Feedback, prev string) (Design, Change, error) {
	d = d.Normalize()
	var ladder []Change
	lines := strings.Split(prev, "\n")
	for _, n := range failingLines(fb) {
		if n > 0 && n <= len(lines) {
			for _, b := range blame {
				if strings.Contains(lines[n-1], b.ident) {
					ladder = append(ladder, b.c)
				}
			}
		}
	}
	for _, f := range failures(fb) {
		switch f {
		case "finite", "nonfinite":
			ladder = append(ladder, ladderFinite...)
		case "params", "complexity", "memory", "timeout", "time":
			ladder = append(ladder, ladderCost...)
		}
	}
	ladder = append(ladder, ladderSimplify...)
	moves := d.Moves()
	for _, c := range ladder {
		if slices.Contains(moves, c) {
			nd, err := d.Apply(c)
			if err != nil {
				return d, Change{}, err
			}
			return nd, c, nil
		}
	}
	return d, Change{}, fmt.Errorf("%w (%s failed on %s)", ErrNoRepair, failureName(fb), d.Describe())
}

// failingLines are the source lines a failure names: "line:col" in its
// message, and the problems of a check report's error.
func failingLines(fb agents.Feedback) []int {
	var out []int
	for _, m := range lineRef.FindAllStringSubmatch(fb.Message, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil {
			out = append(out, n)
		}
	}
	if len(fb.Report) > 0 {
		var rep struct {
			Error *struct {
				Problems []struct {
					Line int `json:"line"`
				} `json:"problems"`
			} `json:"error"`
		}
		if json.Unmarshal(fb.Report, &rep) == nil && rep.Error != nil {
			for _, p := range rep.Error.Problems {
				out = append(out, p.Line)
			}
		}
	}
	return out
}
