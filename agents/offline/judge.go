package offline

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/archlab/archlab/agents"
)

// Judge grades from measurements only, each score 1..10:
//
//   - performance: 5.5 at the baseline's val loss, one point per 1% lower
//     val loss, one point per 0.02 higher bench; 1 when the run failed;
//   - innovation: 1 + 6·novelty + 0.75 per component changed from the
//     baseline's design (at most 3);
//   - complexity (10 is lean): 10 at or under the baseline's parameters,
//     minus 3 per doubling, minus one per 0.1 of the measured FLOPs
//     exponent (Result.Extra["flops_exponent"]) above 1.
//
// The name and the motivation are never read.
type Judge struct{}

// Grade implements agents.Judge.
func (Judge) Grade(ctx context.Context, in agents.JudgeInput) (agents.Grade, error) {
	if err := ctx.Err(); err != nil {
		return agents.Grade{}, err
	}
	r, base := in.Result, in.Baseline.Result
	var why []string

	perf := 1.0
	switch {
	case r.Status != "done":
		why = append(why, fmt.Sprintf("performance: the run did not finish (status %s)", orDash(r.Status)))
	case measured(base) && r.ValLoss > 0:
		rel := (base.ValLoss - r.ValLoss) / base.ValLoss
		perf = 5.5 + rel/0.01
		p := fmt.Sprintf("performance: val loss %.3f vs baseline %.3f (%+.1f%%)", r.ValLoss, base.ValLoss, -100*rel)
		if r.Bench != 0 || base.Bench != 0 {
			perf += (r.Bench - base.Bench) / 0.02
			p += fmt.Sprintf(", bench %.3f vs %.3f", r.Bench, base.Bench)
		}
		why = append(why, p)
	default:
		perf = 5.5 + (r.Bench-base.Bench)/0.02
		why = append(why, fmt.Sprintf("performance: no baseline val loss; bench %.3f vs %.3f", r.Bench, base.Bench))
	}

	changed := -1
	if d, ok, err := DesignOf(in.Source); ok && err == nil {
		bd, _ := designOfCandidate(in.Baseline.Name, in.Baseline.Design, in.Baseline.Source)
		changed = len(Diff(bd, d))
	}
	innov := 1 + 6*math.Max(0, math.Min(1, in.Novelty))
	if changed >= 0 {
		innov += math.Min(3, 0.75*float64(changed))
		why = append(why, fmt.Sprintf("innovation: novelty %.2f, %d components from the baseline", in.Novelty, changed))
	} else {
		why = append(why, fmt.Sprintf("innovation: novelty %.2f (not an offline design: components not counted)", in.Novelty))
	}

	cx := 10.0
	var c []string
	if r.Params > 0 && base.Params > 0 {
		ratio := float64(r.Params) / float64(base.Params)
		if ratio > 1 {
			cx -= 3 * math.Log2(ratio)
		}
		c = append(c, fmt.Sprintf("params %.2f× the baseline", ratio))
	} else {
		cx = 5
		c = append(c, "params not measured (scored 5)")
	}
	if e, ok := r.Extra["flops_exponent"]; ok {
		if e > 1 {
			cx -= (e - 1) / 0.1
		}
		c = append(c, fmt.Sprintf("flops exponent %.2f", e))
	}
	why = append(why, "complexity: "+strings.Join(c, ", "))

	return agents.Grade{
		Performance: clampScore(perf),
		Innovation:  clampScore(innov),
		Complexity:  clampScore(cx),
		Rationale:   strings.Join(why, "; ") + ".",
	}, nil
}

func clampScore(x float64) int {
	if math.IsNaN(x) {
		return 1
	}
	return int(math.Max(1, math.Min(10, math.Round(x))))
}
