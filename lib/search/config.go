package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"

	"github.com/archlab/archlab/agents/llm"
	"github.com/archlab/archlab/lib/exec/slurm"
	"github.com/archlab/archlab/lib/train"
)

// Config is a search: its agents, stages, pool, fitness and bounds. The
// zero value of every field takes its documented default (Defaults); a
// config file (JSON) names only what it changes. Config is stored in the
// run folder when the run is created, so a resumed search runs under the
// same settings.
type Config struct {
	Seed         uint64     `json:"seed"`          // the search's seed: every agent call and training seed derives from it, default 1
	LLM          string     `json:"llm"`           // "offline" (default), "random" (the control), "openai:MODEL", "anthropic:MODEL"
	Agents       llm.Config `json:"agents"`        // LLM settings: base_url, api_key_env, timeout_s, max_retries, rate_per_min, prices, max_cost_usd, roles (per-role provider and model)
	Baseline     string     `json:"baseline"`      // the first experiment's layer, default "zoo:deltanet"
	Seeds        int        `json:"seeds"`         // training seeds of the baseline at stage 1 (its spread feeds the noise-aware rule), default 3
	Selector     string     `json:"selector"`      // parent selection: "asi" (default), "islands", "ucb", "hgm", "random"
	Workers      int        `json:"workers"`       // experiments trained at once, default max(1, cores/threads)
	Threads      int        `json:"threads"`       // CPU threads per worker, default 1
	Cognition    string     `json:"cognition"`     // cognition base folder ("" : none)
	NoAnalysis   bool       `json:"no_analysis"`   // ablation: no Analyst memos reach the Researcher
	NoJudge      bool       `json:"no_judge"`      // fitness from measured terms only
	ProbeEvery   int        `json:"probe_every"`   // every Nth experiment the judge also grades a plain and an inflated motivation (the eloquence probe), default 4; -1: never
	RejudgeEvery int        `json:"rejudge_every"` // every Nth experiment the baseline is judged again, so judge drift shows, default 4; -1: never

	MaxCheckPasses int     `json:"max_check_passes"` // Engineer attempts until a source passes the checks, default 10 (ASI-ARCH)
	MaxTrainTries  int     `json:"max_train_tries"`  // training attempts per experiment (repairs after run failures), default 3 (ASI-ARCH)
	MaxRequeue     int     `json:"max_requeue"`      // times an interrupted experiment is re-queued before it fails, default 2
	MaxProposals   int     `json:"max_proposals"`    // Researcher attempts when a proposal duplicates an earlier one, default 3
	WallPerExp     float64 `json:"wall_per_exp_s"`   // wall-time limit of one training worker in seconds, default 3600
	CheckWall      float64 `json:"check_wall_s"`     // wall-time limit of one check worker in seconds, default 300
	MemPerExp      int64   `json:"mem_per_exp_mb"`   // memory limit of one worker in MiB, default 4096

	Executor string         `json:"executor"` // where workers run: "local" (default: processes on this machine) or "slurm" (one Slurm job each)
	Slurm    slurm.Settings `json:"slurm"`    // executor "slurm": partition, account, qos, gpus, gres, cpus, mem_mb, extra, jobs, requeue, poll_s, array_window_s, bin

	Stage1 Stage   `json:"stage1"`
	Stage2 Stage   `json:"stage2"`
	Pool   Pool    `json:"pool"`
	Fit    Fitness `json:"fitness"`
}

// Stage is one training stage: a named preset of training settings, with
// overrides.
type Stage struct {
	Preset string     `json:"preset"` // "cpu-screen" (stage 1 default), "cpu-verify" (stage 2 default), "gpu-screen", "gpu-verify", "test"
	Spec   train.Spec `json:"spec"`   // fields that override the preset's
	TopK   int        `json:"top_k"`  // stage 2: how many stage-1 experiments are re-trained, default 3 (0 in the config means default; -1 disables stage 2)
	Seeds  int        `json:"seeds"`  // stage 2: training seeds per re-trained experiment (and the baseline), default 3
}

// Pool is ASI-ARCH's candidate pool, scaled down for a CPU: the parent is
// drawn from the top ranks, references from the next ranks.
type Pool struct {
	Capacity  int     `json:"capacity"`   // experiments kept for selection, best first, default 16 (ASI-ARCH: 50)
	ColdStart int     `json:"cold_start"` // the first N proposals all start from the baseline, default 2
	ParentTop int     `json:"parent_top"` // the parent is drawn from the top N ranks, default 4 (ASI-ARCH: 10)
	Refs      int     `json:"refs"`       // references drawn from the ranks after ParentTop, default 2 (ASI-ARCH: 4)
	Band      float64 `json:"band"`       // admission: a candidate enters the pool only within Band of the best fitness, default 1 (all)
	Islands   int     `json:"islands"`    // "islands" selector: number of islands, default 3
	Migrate   int     `json:"migrate"`    // "islands": every N experiments an island also sees the global best, default 4
	UCBC      float64 `json:"ucb_c"`      // "ucb": exploration constant, default 0.3
	HGMTemp   float64 `json:"hgm_temp"`   // "hgm": softmax temperature over clade scores, default 0.05
}

// Fitness holds the constants of ASI-ARCH's fitness (see Score).
type Fitness struct {
	Sharpness   float64 `json:"sharpness"`     // σ(Sharpness·clip(Δ/(Scale·base))), default 6
	Scale       float64 `json:"scale"`         // relative change that saturates the sigmoid, default 0.1
	WPerf       float64 `json:"w_performance"` // judge weights, default 0.30, 0.25, 0.45
	WInnovation float64 `json:"w_innovation"`
	WComplexity float64 `json:"w_complexity"`
	NoiseK      float64 `json:"noise_k"` // noise-aware rule: better by more than K standard errors, default 2
}

// stagePresets are the named training settings of a stage. The CPU ones
// are sized for one thread: stage 1 about two minutes a candidate.
func stagePresets() map[string]train.Spec {
	return map[string]train.Spec{
		"cpu-screen": train.CPUScreen(), // about two minutes a candidate on one thread: Opticks loss and MQAR recall
		"cpu-verify": train.CPUVerify(), // twice the steps, a harder MQAR level, three seeds
		"gpu-screen": {Preset: "screen", Task: "opticks", Seeds: 1},
		"gpu-verify": {Preset: "verify", Task: "opticks", Seeds: 1},
		// test: seconds per experiment, for tests and CI.
		"test": {Preset: "tiny", Task: "opticks", Suite: []string{"mqar-t64-kv8"}, SuiteEvery: 3, SuiteBatch: 4, HeldOut: 16,
			D: 32, Layers: 1, Heads: 2, Steps: 12, Batch: 4, Seq: 32, LR: 3e-3, Warmup: 2,
			Sched: "constant", Seeds: 1, EvalEvery: 12, EvalBatches: 2},
	}
}

// StagePresets returns the names of the stage presets.
func StagePresets() []string {
	return []string{"cpu-screen", "cpu-verify", "gpu-screen", "gpu-verify", "test"}
}

// Defaults returns the configuration every zero field takes.
func Defaults() Config {
	var c Config
	c.fill()
	return c
}

func (c *Config) fill() {
	defU := func(v *uint64, d uint64) {
		if *v == 0 {
			*v = d
		}
	}
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	defF := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defS := func(v *string, d string) {
		if *v == "" {
			*v = d
		}
	}
	defU(&c.Seed, 1)
	defS(&c.LLM, "offline")
	defS(&c.Baseline, "zoo:deltanet")
	def(&c.Seeds, 3)
	if c.LLM == "random" { // the control: uniformly random parents, no memos
		defS(&c.Selector, "random")
		c.NoAnalysis = true
	}
	defS(&c.Selector, "asi")
	defS(&c.Executor, "local")
	def(&c.Threads, 1)
	def(&c.ProbeEvery, 4)
	def(&c.RejudgeEvery, 4)
	def(&c.MaxCheckPasses, 10)
	def(&c.MaxTrainTries, 3)
	def(&c.MaxRequeue, 2)
	def(&c.MaxProposals, 3)
	defF(&c.WallPerExp, 3600)
	defF(&c.CheckWall, 300)
	if c.MemPerExp == 0 {
		c.MemPerExp = 4096
	}
	defS(&c.Stage1.Preset, "cpu-screen")
	defS(&c.Stage2.Preset, "cpu-verify")
	def(&c.Stage2.TopK, 3)
	def(&c.Stage2.Seeds, 3)
	def(&c.Pool.Capacity, 16)
	def(&c.Pool.ColdStart, 2)
	def(&c.Pool.ParentTop, 4)
	def(&c.Pool.Refs, 2)
	defF(&c.Pool.Band, 1)
	def(&c.Pool.Islands, 3)
	def(&c.Pool.Migrate, 4)
	defF(&c.Pool.UCBC, 0.3)
	defF(&c.Pool.HGMTemp, 0.05)
	defF(&c.Fit.Sharpness, 6)
	defF(&c.Fit.Scale, 0.1)
	if c.Fit.WPerf == 0 && c.Fit.WInnovation == 0 && c.Fit.WComplexity == 0 {
		c.Fit.WPerf, c.Fit.WInnovation, c.Fit.WComplexity = 0.30, 0.25, 0.45
	}
	defF(&c.Fit.NoiseK, 2)
}

// Validate reports the first bad value, naming its key.
func (c *Config) Validate() error {
	bad := func(key string, v any, want string) error {
		return fmt.Errorf("search: config: %s = %v: %s", key, v, want)
	}
	switch {
	case c.Seeds < 1 || c.Seeds > 100:
		return bad("seeds", c.Seeds, "want 1..100")
	case c.Workers < 0 || c.Workers > 256:
		return bad("workers", c.Workers, "want 0 (from the cores) .. 256")
	case c.Threads < 1 || c.Threads > 256:
		return bad("threads", c.Threads, "want 1..256")
	case c.MaxCheckPasses < 1 || c.MaxCheckPasses > 100:
		return bad("max_check_passes", c.MaxCheckPasses, "want 1..100")
	case c.MaxTrainTries < 1 || c.MaxTrainTries > 20:
		return bad("max_train_tries", c.MaxTrainTries, "want 1..20")
	case c.MaxRequeue < 0 || c.MaxRequeue > 100:
		return bad("max_requeue", c.MaxRequeue, "want 0..100")
	case c.MaxProposals < 1 || c.MaxProposals > 20:
		return bad("max_proposals", c.MaxProposals, "want 1..20")
	case c.WallPerExp <= 0:
		return bad("wall_per_exp_s", c.WallPerExp, "want > 0 seconds")
	case c.CheckWall <= 0:
		return bad("check_wall_s", c.CheckWall, "want > 0 seconds")
	case c.MemPerExp < 64:
		return bad("mem_per_exp_mb", c.MemPerExp, "want at least 64 MiB")
	case c.Stage2.TopK < -1:
		return bad("stage2.top_k", c.Stage2.TopK, "want -1 (no stage 2) or a count")
	case c.Stage2.Seeds < 1 || c.Stage2.Seeds > 100:
		return bad("stage2.seeds", c.Stage2.Seeds, "want 1..100")
	case c.Pool.Capacity < 1:
		return bad("pool.capacity", c.Pool.Capacity, "want ≥ 1")
	case c.Pool.ColdStart < 0:
		return bad("pool.cold_start", c.Pool.ColdStart, "want ≥ 0")
	case c.Pool.ParentTop < 1:
		return bad("pool.parent_top", c.Pool.ParentTop, "want ≥ 1")
	case c.Pool.Refs < 0:
		return bad("pool.refs", c.Pool.Refs, "want ≥ 0")
	case c.Pool.Band <= 0 || c.Pool.Band > 1:
		return bad("pool.band", c.Pool.Band, "want (0, 1]")
	case c.Pool.Islands < 1:
		return bad("pool.islands", c.Pool.Islands, "want ≥ 1")
	case c.Pool.Migrate < 1:
		return bad("pool.migrate", c.Pool.Migrate, "want ≥ 1")
	case c.Pool.UCBC < 0:
		return bad("pool.ucb_c", c.Pool.UCBC, "want ≥ 0")
	case c.Pool.HGMTemp <= 0:
		return bad("pool.hgm_temp", c.Pool.HGMTemp, "want > 0")
	case c.Fit.Sharpness <= 0:
		return bad("fitness.sharpness", c.Fit.Sharpness, "want > 0")
	case c.Fit.Scale <= 0:
		return bad("fitness.scale", c.Fit.Scale, "want > 0")
	case c.Fit.WPerf < 0 || c.Fit.WInnovation < 0 || c.Fit.WComplexity < 0 || c.Fit.WPerf+c.Fit.WInnovation+c.Fit.WComplexity == 0:
		return bad("fitness.w_*", []float64{c.Fit.WPerf, c.Fit.WInnovation, c.Fit.WComplexity}, "want non-negative weights, not all zero")
	case c.Fit.NoiseK < 0:
		return bad("fitness.noise_k", c.Fit.NoiseK, "want ≥ 0")
	}
	switch p, _, _ := strings.Cut(c.LLM, ":"); p {
	case "offline", "random":
	case "replay":
		if strings.TrimPrefix(c.LLM, "replay:") == "" {
			return bad("llm", fmt.Sprintf("%q", c.LLM), "want replay:RUNDIR (a run folder whose LLM calls are replayed)")
		}
	case "openai", "anthropic":
		if _, _, err := llm.ParseLLM(c.LLM); err != nil {
			return bad("llm", fmt.Sprintf("%q", c.LLM), err.Error())
		}
	default:
		return bad("llm", fmt.Sprintf("%q", c.LLM), "want offline, random, openai:MODEL or anthropic:MODEL")
	}
	switch c.Executor {
	case "local":
	case "slurm":
		if err := c.Slurm.Validate("slurm."); err != nil {
			return fmt.Errorf("search: config: %w", err)
		}
	default:
		return bad("executor", fmt.Sprintf("%q", c.Executor), "want local or slurm")
	}
	switch c.Selector {
	case "asi", "islands", "ucb", "hgm", "random":
	default:
		return bad("selector", fmt.Sprintf("%q", c.Selector), "want asi, islands, ucb, hgm or random")
	}
	if !strings.HasPrefix(c.Baseline, "zoo:") {
		if _, err := os.Stat(c.Baseline); err != nil {
			return bad("baseline", fmt.Sprintf("%q", c.Baseline), "want zoo:NAME or an existing .go file")
		}
	}
	for key, s := range map[string]Stage{"stage1": c.Stage1, "stage2": c.Stage2} {
		if _, ok := stagePresets()[s.Preset]; !ok {
			return bad(key+".preset", fmt.Sprintf("%q", s.Preset), "want one of "+strings.Join(StagePresets(), ", "))
		}
	}
	return nil
}

// StageSpec returns stage n's (1 or 2) training settings: the preset with
// the config's overrides and the config's threads.
func (c *Config) StageSpec(n int) train.Spec {
	st := c.Stage1
	if n == 2 {
		st = c.Stage2
	}
	s := stagePresets()[st.Preset]
	overlay(&s, st.Spec)
	s.Threads = c.Threads
	if n == 2 {
		s.Seeds = c.Stage2.Seeds
	}
	return s
}

// overlay copies the non-zero fields of o onto s: a field set in a
// config's stage spec replaces the preset's.
func overlay(s *train.Spec, o train.Spec) {
	dst, src := reflect.ValueOf(s).Elem(), reflect.ValueOf(o)
	for i := range src.NumField() {
		if f := src.Field(i); !f.IsZero() {
			dst.Field(i).Set(f)
		}
	}
}

// ParseConfig decodes a JSON config. Unknown keys and bad values are
// errors that name the key; missing keys take their defaults.
func ParseConfig(b []byte) (Config, error) {
	var c Config
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("search: config: %w", err)
	}
	if dec.More() {
		return c, fmt.Errorf("search: config: trailing data after the JSON object")
	}
	c.fill()
	if err := c.Validate(); err != nil {
		return c, err
	}
	return c, nil
}

// LoadConfig reads a JSON config file.
func LoadConfig(path string) (Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("search: config: %w", err)
	}
	c, err := ParseConfig(b)
	if err != nil {
		return c, fmt.Errorf("%w (in %s)", err, path)
	}
	return c, nil
}
