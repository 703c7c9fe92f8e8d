package results

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/archlab/archlab/lib/store"
)

// ExperimentColumns are the columns of a search run's experiments table
// (archlab results --dir RUN), in order. They are a contract: columns are
// added, never renamed.
var ExperimentColumns = []string{
	"id", "parent", "of", "name", "stage", "status", "reason", "val_loss", "val_std", "bench", "bench_std", "final_loss",
	"fitness", "fitness_loss", "fitness_bench", "fitness_judge", "beats_asi", "beats_noise", "params", "tries",
	"wall_s", "cpu_s", "device_s", "device_kind", "seeds", "created", "finished", "source_hash", "error",
}

// CallColumns are the columns of a run's calls table.
var CallColumns = []string{
	"id", "exp", "role", "provider", "model", "attempt", "tokens_in", "tokens_out", "latency_s", "cost_usd", "prompt_hash", "error", "time",
}

// MetricColumns are the columns of a run's metrics table: one row per
// metrics.jsonl line of every experiment.
var MetricColumns = []string{"exp", "seed", "step", "loss", "lr", "tokens", "wall_s", "val_loss", "task_score"}

// Table is a run's table as strings, ready for CSV, TSV or JSON.
type Table struct {
	Columns []string
	Rows    [][]string
}

func ff(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', 8, 64)
}

func fb(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func ftime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// RunTable reads one table of a search run folder, read-only (safe while
// the loop writes): "experiments" (the default), "calls", "metrics",
// "stages" or "rank" (see SearchRun.Table).
func RunTable(ctx context.Context, dir, table string) (*Table, error) {
	if !validTable(table) {
		return nil, fmt.Errorf("results: unknown table %q (experiments, calls, metrics, stages, rank)", table)
	}
	r := &SearchRun{}
	if err := r.read(ctx, dir, table == "calls"); err != nil {
		return nil, err
	}
	return r.Table(table)
}

func validTable(name string) bool {
	for _, t := range Tables {
		if name == t {
			return true
		}
	}
	return name == ""
}

// experimentRow is e as a row of ExperimentColumns.
func experimentRow(e *store.Experiment) []string {
	var seeds []string
	for _, s := range e.Seeds {
		seeds = append(seeds, strconv.FormatUint(s, 10))
	}
	return []string{
		strconv.FormatInt(e.ID, 10), strconv.FormatInt(e.Parent, 10), strconv.FormatInt(e.Of, 10), e.Name,
		strconv.Itoa(e.Stage), string(e.Status), e.Reason, ff(e.ValLoss), ff(e.ValStd), ff(e.Bench), ff(e.BenchStd),
		ff(e.FinalLoss), ff(e.Fitness), ff(e.FitnessLoss), ff(e.FitnessBench), ff(e.FitnessJudge),
		fb(e.BeatsASI), fb(e.BeatsNoise), strconv.Itoa(e.Params), strconv.Itoa(e.Tries),
		ff(e.WallS), ff(e.CPUS), ff(e.DeviceS), e.DeviceKind, strings.Join(seeds, " "),
		ftime(e.Created), ftime(e.Finished), e.SourceHash, strings.ReplaceAll(e.Error, "\n", " "),
	}
}

// callRow is c as a row of CallColumns.
func callRow(c store.Call) []string {
	return []string{
		strconv.FormatInt(c.ID, 10), strconv.FormatInt(c.Exp, 10), c.Role, c.Provider, c.Model, strconv.Itoa(c.Attempt),
		strconv.Itoa(c.TokensIn), strconv.Itoa(c.TokensOut), ff(c.LatencyS), ff(c.CostUSD), c.PromptHash,
		strings.ReplaceAll(c.Error, "\n", " "), ftime(c.Time),
	}
}

// metricRows reads one metrics.jsonl; a missing file has no rows, and a
// line cut short by a writer that is still running is skipped.
func metricRows(path string, exp int64) ([][]string, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("results: %w", err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		var m struct {
			Seed      uint64   `json:"seed"`
			Step      int      `json:"step"`
			Loss      float64  `json:"loss"`
			LR        float64  `json:"lr"`
			Tokens    int64    `json:"tokens"`
			WallS     float64  `json:"wall_s"`
			ValLoss   *float64 `json:"val_loss"`
			TaskScore *float64 `json:"task_score"`
		}
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		opt := func(p *float64) string {
			if p == nil {
				return ""
			}
			return ff(*p)
		}
		loss := ff(m.Loss)
		if m.ValLoss != nil || m.TaskScore != nil {
			loss = ""
		}
		rows = append(rows, []string{strconv.FormatInt(exp, 10), strconv.FormatUint(m.Seed, 10), strconv.Itoa(m.Step),
			loss, ff(m.LR), strconv.FormatInt(m.Tokens, 10), ff(m.WallS), opt(m.ValLoss), opt(m.TaskScore)})
	}
	return rows, nil
}

// Write writes t as "csv", "tsv" or "json" (an array of objects, numbers
// as numbers where they parse).
func (t *Table) Write(w io.Writer, format string) error {
	switch format {
	case "", "csv", "tsv":
		cw := csv.NewWriter(w)
		if format == "tsv" {
			cw.Comma = '\t'
		}
		if err := cw.Write(t.Columns); err != nil {
			return err
		}
		if err := cw.WriteAll(t.Rows); err != nil {
			return err
		}
		return cw.Error()
	case "json":
		out := make([]map[string]any, 0, len(t.Rows))
		for _, r := range t.Rows {
			m := map[string]any{}
			for i, c := range t.Columns {
				m[c] = jsonValue(c, r[i])
			}
			out = append(out, m)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return fmt.Errorf("results: unknown format %q (csv, tsv, json)", format)
}

var textColumns = map[string]bool{"name": true, "status": true, "status_2": true, "reason": true, "device_kind": true, "seeds": true, "created": true,
	"finished": true, "source_hash": true, "error": true, "role": true, "provider": true, "model": true, "prompt_hash": true, "time": true}

func jsonValue(col, s string) any {
	if textColumns[col] {
		return s
	}
	if s == "" {
		return nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	return s
}

// SortRows orders t's rows by a numeric column, descending, for display.
func (t *Table) SortRows(col string) {
	i := -1
	for k, c := range t.Columns {
		if c == col {
			i = k
		}
	}
	if i < 0 {
		return
	}
	sort.SliceStable(t.Rows, func(a, b int) bool {
		x, _ := strconv.ParseFloat(t.Rows[a][i], 64)
		y, _ := strconv.ParseFloat(t.Rows[b][i], 64)
		return x > y
	})
}
