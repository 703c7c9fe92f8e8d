package arch

import (
	"context"
	"encoding/json"
	"errors"
	"math"
)

// StageCancelled is the stage of the Error of a report whose context ended
// before the checks finished.
const StageCancelled = "cancelled"

// MarshalJSON writes v with every non-finite float in Details as a string
// ("NaN", "+Inf", "-Inf"), which encoding/json cannot write as a number:
// a layer whose loss is NaN must still get its report.
func (v Verdict) MarshalJSON() ([]byte, error) {
	type plain Verdict // no MarshalJSON: no recursion
	p := plain(v)
	if v.Details != nil {
		p.Details = jsonSafe(v.Details).(map[string]any)
	}
	return json.Marshal(p)
}

// jsonSafe returns v with non-finite floats replaced by strings, copying
// only the maps and slices that need it.
func jsonSafe(v any) any {
	switch x := v.(type) {
	case float64:
		return finiteOrString(x, v)
	case float32:
		return finiteOrString(float64(x), v)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonSafe(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonSafe(e)
		}
		return out
	case []float64:
		return floatsSafe(x)
	case []float32:
		f := make([]float64, len(x))
		for i, e := range x {
			f[i] = float64(e)
		}
		if s, ok := floatsSafe(f).([]any); ok {
			return s
		}
		return v
	}
	return v
}

func finiteOrString(f float64, v any) any {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	}
	return v
}

func floatsSafe(x []float64) any {
	for _, f := range x {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = finiteOrString(e, e)
			}
			return out
		}
	}
	return x
}

// CheckSource parses src and checks it: one call from a source to a
// report, which it always returns. A static rejection is the report's
// compiles verdict (its details hold the problems with line and column)
// and Error; the end of ctx is an Error of stage "cancelled" with the
// checks not run marked skipped. cfg is as for Check.
func CheckSource(ctx context.Context, name, src string, cfg CheckConfig) *Report {
	l, err := Parse(name, src)
	if err != nil {
		return failedReport(name, err)
	}
	rep, err := Check(ctx, l, cfg)
	if rep == nil {
		rep = failedReport(name, err)
	}
	return rep
}

// failedReport is the report of a source that did not build: a failing
// compiles verdict with the problems and every other check skipped.
func failedReport(name string, err error) *Report {
	var e *Error
	if !errors.As(err, &e) {
		stage := StageRun
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			stage = StageCancelled
		}
		e = &Error{Stage: stage, Problems: []Problem{{Msg: err.Error()}}}
	}
	rep := &Report{Arch: name, Error: e}
	rep.Checks = append(rep.Checks, Verdict{Name: CheckCompiles, Reason: e.Error(),
		Details: map[string]any{"stage": e.Stage, "problems": e.Problems}})
	why := "the source does not build"
	if e.Stage == StageCrash {
		why = "the checking process died"
	}
	for _, n := range checkNames[1:] {
		rep.Checks = append(rep.Checks, Verdict{Name: n, Reason: "skipped: " + why})
	}
	return rep
}

// checkNames are the Check* names in the order Check runs them.
var checkNames = []string{CheckCompiles, CheckShape, CheckCausal, CheckBatch, CheckFinite, CheckComplexity, CheckParams}
