package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"time"
)

// timeLayout is how times are stored: UTC, fixed width, so that text order
// is time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// expColumns are the experiments columns in the order of expArgs and
// scanExperiment.
const expColumns = `id, parent, refs, name, motivation, design, created, started, finished,
	stage, "of", status, reason, error, tries, source, source_hash, "check", spec, seed, seeds,
	final_loss, val_loss, scores, bench, val_std, bench_std, params,
	fitness, fitness_loss, fitness_bench, fitness_judge, judge, beats_asi, beats_noise,
	memo, cognition, wall_s, cpu_s, device_s, device_kind`

// expArgs are e's column values, id first; it fails on a field that
// cannot be stored (invalid JSON).
func expArgs(e *Experiment) ([]any, error) {
	refs, err := jsonText(e.Refs, e.Refs == nil)
	if err != nil {
		return nil, fmt.Errorf("refs: %w", err)
	}
	seeds, err := jsonText(e.Seeds, e.Seeds == nil)
	if err != nil {
		return nil, fmt.Errorf("seeds: %w", err)
	}
	scores, err := jsonText(e.Scores, e.Scores == nil)
	if err != nil {
		return nil, fmt.Errorf("scores: %w", err)
	}
	cognition, err := jsonText(e.Cognition, e.Cognition == nil)
	if err != nil {
		return nil, fmt.Errorf("cognition: %w", err)
	}
	raws := []struct {
		name string
		v    json.RawMessage
	}{{"design", e.Design}, {"check", e.Check}, {"spec", e.Spec}, {"judge", e.Judge}}
	var rawArgs [4]any
	for i, r := range raws {
		if len(r.v) == 0 {
			continue
		}
		if !json.Valid(r.v) {
			return nil, fmt.Errorf("%s is not valid JSON", r.name)
		}
		rawArgs[i] = string(r.v)
	}
	return []any{
		e.ID, nullID(e.Parent), refs, e.Name, e.Motivation, rawArgs[0],
		timeText(e.Created), timeText(e.Started), timeText(e.Finished),
		e.Stage, nullID(e.Of), string(e.Status), e.Reason, e.Error, e.Tries,
		e.Source, e.SourceHash, rawArgs[1], rawArgs[2], int64(e.Seed), seeds,
		nullFloat(e.FinalLoss), nullFloat(e.ValLoss), scores, nullFloat(e.Bench),
		nullFloat(e.ValStd), nullFloat(e.BenchStd), e.Params,
		nullFloat(e.Fitness), nullFloat(e.FitnessLoss), nullFloat(e.FitnessBench),
		nullFloat(e.FitnessJudge), rawArgs[3], e.BeatsASI, e.BeatsNoise,
		e.Memo, cognition, nullFloat(e.WallS), nullFloat(e.CPUS), nullFloat(e.DeviceS), e.DeviceKind,
	}, nil
}

type scanner interface{ Scan(dest ...any) error }

// scanExperiment reads one row of expColumns.
func scanExperiment(r scanner) (*Experiment, error) {
	var (
		e                                           Experiment
		parent, of                                  sql.NullInt64
		refs, design, check, spec, seeds            sql.NullString
		scores, judge, cognition                    sql.NullString
		created, started, finished                  sql.NullString
		status                                      string
		seed                                        int64
		finalLoss, valLoss, bench, valStd, benchStd sql.NullFloat64
		fit, fitLoss, fitBench, fitJudge            sql.NullFloat64
		wall, cpu, device                           sql.NullFloat64
	)
	err := r.Scan(&e.ID, &parent, &refs, &e.Name, &e.Motivation, &design,
		&created, &started, &finished,
		&e.Stage, &of, &status, &e.Reason, &e.Error, &e.Tries,
		&e.Source, &e.SourceHash, &check, &spec, &seed, &seeds,
		&finalLoss, &valLoss, &scores, &bench, &valStd, &benchStd, &e.Params,
		&fit, &fitLoss, &fitBench, &fitJudge, &judge, &e.BeatsASI, &e.BeatsNoise,
		&e.Memo, &cognition, &wall, &cpu, &device, &e.DeviceKind)
	if err != nil {
		return nil, err
	}
	e.Parent, e.Of = parent.Int64, of.Int64
	e.Status = Status(status)
	e.Seed = uint64(seed)
	for _, t := range []struct {
		dst *time.Time
		src sql.NullString
	}{{&e.Created, created}, {&e.Started, started}, {&e.Finished, finished}} {
		if *t.dst, err = parseTime(t.src); err != nil {
			return nil, fmt.Errorf("experiment %d: %w", e.ID, err)
		}
	}
	for _, j := range []struct {
		name string
		dst  any
		src  sql.NullString
	}{{"refs", &e.Refs, refs}, {"seeds", &e.Seeds, seeds}, {"scores", &e.Scores, scores}, {"cognition", &e.Cognition, cognition}} {
		if !j.src.Valid {
			continue
		}
		if err := json.Unmarshal([]byte(j.src.String), j.dst); err != nil {
			return nil, fmt.Errorf("experiment %d: %s: %w", e.ID, j.name, err)
		}
	}
	e.Design, e.Check, e.Spec, e.Judge = rawJSON(design), rawJSON(check), rawJSON(spec), rawJSON(judge)
	e.FinalLoss, e.ValLoss, e.Bench = nanNull(finalLoss), nanNull(valLoss), nanNull(bench)
	e.ValStd, e.BenchStd = nanNull(valStd), nanNull(benchStd)
	e.Fitness, e.FitnessLoss, e.FitnessBench, e.FitnessJudge = nanNull(fit), nanNull(fitLoss), nanNull(fitBench), nanNull(fitJudge)
	e.WallS, e.CPUS, e.DeviceS = nanNull(wall), nanNull(cpu), nanNull(device)
	return &e, nil
}

// jsonText is v as JSON text, or NULL when null is true.
func jsonText(v any, null bool) (any, error) {
	if null {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

func rawJSON(s sql.NullString) json.RawMessage {
	if !s.Valid {
		return nil
	}
	return json.RawMessage(s.String)
}

// nullID stores id 0 (none) as NULL, so foreign keys hold.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullFloat stores NaN (never measured) as NULL.
func nullFloat(f float64) any {
	if math.IsNaN(f) {
		return nil
	}
	return f
}

func nanNull(f sql.NullFloat64) float64 {
	if !f.Valid {
		return math.NaN()
	}
	return f.Float64
}

// timeText stores the zero time as NULL and any other in UTC.
func timeText(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s.String)
}
