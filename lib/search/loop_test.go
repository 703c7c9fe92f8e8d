package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/cli"
	"github.com/archlab/archlab/lib/exec"
	"github.com/archlab/archlab/lib/search"
	"github.com/archlab/archlab/lib/store"
)

// The test binary doubles as archlab: the executor starts it as
// "archlab worker ..." (and the kill test as "archlab search ...").
func TestMain(m *testing.M) {
	if os.Getenv("ARCHLAB_TEST_AS_ARCHLAB") == "1" {
		fault(os.Args[1:])
		os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// testConfig is a search that trains for seconds.
func testConfig() *search.Config {
	return &search.Config{Seed: 1, Seeds: 2, Stage1: search.Stage{Preset: "test"}, Stage2: search.Stage{Preset: "test", TopK: -1},
		MaxCheckPasses: 3, Workers: 1}
}

func executor(t *testing.T, workers int) exec.Executor {
	t.Helper()
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1")
	ex, err := exec.NewLocal(exec.LocalConfig{Bin: os.Args[0], Workers: workers, Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// scripted is a team that walks through the zoo: each proposal is the
// next zoo layer; the first source of every second proposal has a
// compile error that the repair fixes.
type scripted struct {
	names  []string
	calls  map[string]int
	broken bool
	unique bool
	judged []agents.JudgeInput // every Judge input, in order
}

func newScripted() *scripted {
	return &scripted{names: []string{"gated_deltanet", "mamba2", "linear_attention", "hybrid_router", "linear_attention_conv"}, calls: map[string]int{}}
}

func (s *scripted) Propose(ctx context.Context, in agents.ResearchInput) (agents.Proposal, error) {
	s.calls["researcher"]++
	n := s.names[(len(in.Recent)-1+len(in.Duplicate))%len(s.names)]
	d, _ := json.Marshal(map[string]string{"zoo": n, "n": fmt.Sprint(len(in.Recent), len(in.Duplicate))})
	return agents.Proposal{Name: n, Motivation: fmt.Sprintf("try the zoo's %s, round%03d", n, len(in.Recent)), Design: d}, nil
}

func (s *scripted) Write(ctx context.Context, in agents.EngineerInput) (agents.Code, error) {
	s.calls["engineer"]++
	var d map[string]string
	json.Unmarshal(in.Proposal.Design, &d)
	src, err := arch.ZooSource(d["zoo"])
	if err != nil {
		return agents.Code{}, err
	}
	if s.broken && in.Feedback == nil {
		return agents.Code{Source: strings.Replace(src, "func New(", "func New(((", 1)}, nil
	}
	if s.unique { // a distinct computation each time: not a duplicate
		src += fmt.Sprintf("\nvar unique%d = %d\n", s.calls["engineer"], s.calls["engineer"])
	}
	return agents.Code{Source: src}, nil
}

func (s *scripted) Analyze(ctx context.Context, in agents.AnalysisInput) (agents.Memo, error) {
	s.calls["analyst"]++
	return agents.Memo{Summary: fmt.Sprintf("%s: val %.3f", in.Experiment.Name, in.Experiment.Result.ValLoss), VsParent: "-", VsSiblings: "-",
		Lessons: "-", CognitionQuery: in.Experiment.Name}, nil
}

func (s *scripted) Grade(ctx context.Context, in agents.JudgeInput) (agents.Grade, error) {
	s.calls["judge"]++
	s.judged = append(s.judged, in)
	return agents.Grade{Performance: 5, Innovation: 5, Complexity: 5, Rationale: "scripted"}, nil
}

func (s *scripted) team() agents.Team {
	return agents.Team{Name: "scripted", Researcher: s, Engineer: s, Analyst: s, Judge: s}
}

func TestLoopStepsAndStores(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	dir := t.TempDir()
	sc := newScripted()
	sc.broken = true
	cfg := testConfig()
	cfg.ProbeEvery, cfg.RejudgeEvery = 2, 2
	loop, err := search.Open(dir, cfg, search.Options{Team: sc.team(), Executor: executor(t, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer loop.Close()
	ctx := context.Background()
	base, err := loop.Step(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if base.ID != 1 || base.Status != store.Done || len(base.Seeds) != 2 || base.ValStd <= 0 {
		t.Fatalf("baseline = %+v, want done with 2 seeds and a spread", base)
	}
	e, err := loop.Step(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if e.ID != 2 || e.Parent != 1 || e.Status != store.Done || e.Name != "gated_deltanet" {
		t.Fatalf("experiment 2 = %+v", e)
	}
	if sc.calls["engineer"] != 2 {
		t.Errorf("engineer calls = %d, want 2 (a broken first source, then the repair)", sc.calls["engineer"])
	}
	if e.FitnessJudge != 4.0/9 || e.Fitness <= 0 || e.Memo == "" {
		t.Errorf("fitness %v judge %v memo %q", e.Fitness, e.FitnessJudge, e.Memo)
	}
	var judged struct {
		Performance int
		Probe       *struct{ Sway int }
		Baseline    *struct{ Performance int }
	}
	if err := json.Unmarshal(e.Judge, &judged); err != nil || judged.Performance != 5 || judged.Probe == nil || judged.Baseline == nil {
		t.Errorf("judge column %s: want the grade, the eloquence probe and the baseline's regrade (%v)", e.Judge, err)
	}
	if sc.calls["judge"] != 1+1+2+1 { // baseline, experiment, probe (plain, inflated), baseline again
		t.Errorf("judge calls = %d, want 5", sc.calls["judge"])
	} else {
		// The regrade sees what the baseline's first grade saw, but the seed.
		first, again := sc.judged[0], sc.judged[4]
		first.Seed, again.Seed = 0, 0
		if a, b := fmt.Sprintf("%+v", first), fmt.Sprintf("%+v", again); a != b {
			t.Errorf("the baseline's regrade input differs from its first grade's:\nfirst %s\nagain %s", a, b)
		}
	}
	for _, f := range []string{"layer.go", "check.json", "job.json", "metrics.jsonl", "result.json", "worker.log"} {
		if _, err := os.Stat(filepath.Join(dir, "exp", "2", f)); err != nil {
			t.Errorf("experiment 2 lacks %s: %v", f, err)
		}
	}
	// A second loop on the same folder is refused while this one holds it.
	if _, err := search.Open(dir, nil, search.Options{Team: sc.team(), Executor: executor(t, 1)}); err == nil {
		t.Error("a second loop opened the same run")
	}
}

// fault makes a worker misbehave when the test left a "fault" file in
// its experiment folder: panic, hang, eat memory or report a NaN loss.
func fault(args []string) {
	if len(args) < 5 || args[0] != "worker" {
		return
	}
	var dir, id string
	for i := 1; i+1 < len(args); i++ {
		switch args[i] {
		case "--dir":
			dir = args[i+1]
		case "--exp":
			id = args[i+1]
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "exp", id, "fault"))
	if err != nil {
		return
	}
	switch strings.TrimSpace(string(b)) {
	case "panic":
		panic("injected fault")
	case "hang":
		select {}
	case "memory":
		var hog [][]byte
		for {
			c := make([]byte, 64<<20)
			for i := range c {
				c[i] = 1
			}
			hog = append(hog, c)
		}
	case "nan":
		fmt.Fprintln(os.Stderr, "train: step 3: loss is NaN")
		os.Exit(exec.ExitNonFinite)
	}
}

// faulty plants faults in chosen experiments' training jobs.
type faulty struct {
	exec.Executor
	faults map[int64]string
}

func (f faulty) Run(ctx context.Context, j exec.Job) exec.Outcome {
	var job exec.JobFile
	b, _ := os.ReadFile(filepath.Join(j.Dir, "exp", fmt.Sprint(j.ID), "job.json"))
	json.Unmarshal(b, &job)
	if m, ok := f.faults[j.ID]; ok && job.Mode == exec.ModeTrain {
		os.WriteFile(filepath.Join(j.Dir, "exp", fmt.Sprint(j.ID), "fault"), []byte(m), 0o644)
	}
	return f.Executor.Run(ctx, j)
}

func TestLoopRecordsWorkerFailures(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	// Workers that panic, hang, exhaust memory or yield NaN are recorded
	// with their type and the loop goes on to the next experiment.
	dir := t.TempDir()
	sc := newScripted()
	sc.unique = true
	cfg := testConfig()
	cfg.MaxTrainTries = 1
	cfg.WallPerExp = 25 // a test run trains in 2 s on a quiet machine
	cfg.MemPerExp = 400
	want := map[int64]string{2: "panic", 3: "hang", 4: "memory", 5: "nan"}
	ex := faulty{executor(t, 1), want}
	loop, err := search.Open(dir, cfg, search.Options{Team: sc.team(), Executor: ex})
	if err != nil {
		t.Fatal(err)
	}
	defer loop.Close()
	if err := loop.Run(context.Background(), search.Budget{Experiments: 6}); err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{"panic": exec.ReasonCrash, "hang": exec.ReasonTimeout, "memory": exec.ReasonMemory, "nan": exec.ReasonNonFinite}
	for id, f := range want {
		e, err := loop.Store().Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if e.Status != store.Failed || e.Reason != reasons[f] {
			t.Errorf("experiment %d (%s): status %s reason %q error %q, want failed %q", id, f, e.Status, e.Reason, e.Error, reasons[f])
		}
	}
	last, _ := loop.Store().Get(context.Background(), 6)
	if last == nil || last.Status != store.Done {
		t.Errorf("experiment 6 after the failures = %+v, want done", last)
	}
}

// lostNode answers the first n training jobs of experiment id as a
// scheduler failure (the node was lost) without running them.
type lostNode struct {
	exec.Executor
	id   int64
	n    int
	seen int
}

func (f *lostNode) Run(ctx context.Context, j exec.Job) exec.Outcome {
	var job exec.JobFile
	b, _ := os.ReadFile(filepath.Join(j.Dir, "exp", fmt.Sprint(j.ID), "job.json"))
	json.Unmarshal(b, &job)
	if j.ID == f.id && job.Mode == exec.ModeTrain && f.seen < f.n {
		f.seen++
		return exec.Outcome{ID: j.ID, Reason: exec.ReasonNode, Exit: -1, Error: "NODE_FAIL"}
	}
	return f.Executor.Run(ctx, j)
}

// TestLoopRequeuesSchedulerFailures: a lost node or a preemption is not
// the layer's fault: the same source trains again, with no repair and no
// try charged, up to max_requeue times; past that it fails with the reason.
func TestLoopRequeuesSchedulerFailures(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	for _, tc := range []struct {
		lost   int
		status store.Status
	}{
		{2, store.Done},   // max_requeue 2: trained on the third run
		{3, store.Failed}, // one loss too many
	} {
		sc := newScripted()
		cfg := testConfig()
		cfg.MaxRequeue = 2
		ex := &lostNode{Executor: executor(t, 1), id: 2, n: tc.lost}
		loop, err := search.Open(t.TempDir(), cfg, search.Options{Team: sc.team(), Executor: ex})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := loop.Step(ctx); err != nil { // the baseline
			t.Fatal(err)
		}
		engineer := sc.calls["engineer"]
		e, err := loop.Step(ctx)
		loop.Close()
		if err != nil {
			t.Fatal(err)
		}
		if e.Status != tc.status || sc.calls["engineer"] != engineer+1 {
			t.Errorf("%d losses: status %s (want %s), reason %q, error %q, %d Engineer calls (want 1: no repair)",
				tc.lost, e.Status, tc.status, e.Reason, e.Error, sc.calls["engineer"]-engineer)
		}
		if tc.status == store.Done && e.Tries != 1 {
			t.Errorf("%d losses: %d tries charged, want 1", tc.lost, e.Tries)
		}
		if tc.status == store.Failed && e.Reason != exec.ReasonNode {
			t.Errorf("%d losses: reason %q, want %q", tc.lost, e.Reason, exec.ReasonNode)
		}
	}
}

// holding stands in for a scheduler that kept a job through a
// coordinator's death: Holds says so, and Run "adopts" the job, whose
// result.json is already in the folder, without running anything.
type holding struct {
	exec.Executor
	holds bool
	runs  int
}

func (h *holding) Holds(context.Context, exec.Job) bool { return h.holds }

func (h *holding) Run(ctx context.Context, j exec.Job) exec.Outcome {
	h.runs++
	if h.holds {
		return exec.Outcome{ID: j.ID, OK: true}
	}
	return h.Executor.Run(ctx, j)
}

// TestRestartAdoptsHeldJob: an experiment found running after the
// coordinator died counts as interrupted (a try and a requeue charged)
// unless the executor still holds its job, which is then adopted with no
// charge; the experiment ends done either way.
func TestRestartAdoptsHeldJob(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	for _, tc := range []struct {
		holds     bool
		tries     int
		requeueed string
	}{
		{holds: true, tries: 1, requeueed: ""},
		{holds: false, tries: 2, requeueed: "1"},
	} {
		dir := t.TempDir()
		cfg := testConfig()
		cfg.MaxRequeue = 2
		ctx := context.Background()
		loop, err := search.Open(dir, cfg, search.Options{Team: newScripted().team(), Executor: executor(t, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := loop.Step(ctx); err != nil { // the baseline
			t.Fatal(err)
		}
		e, err := loop.Step(ctx)
		if err != nil || e.Status != store.Done {
			t.Fatalf("experiment 2: %v, status %v", err, e)
		}
		// As if the coordinator had died while the job trained.
		e.Status, e.Finished = store.Running, time.Time{}
		if err := loop.Store().Update(ctx, e); err != nil {
			t.Fatal(err)
		}
		loop.Close()

		ex := &holding{Executor: executor(t, 1), holds: tc.holds}
		loop, err = search.Open(dir, cfg, search.Options{Team: newScripted().team(), Executor: ex})
		if err != nil {
			t.Fatal(err)
		}
		got, err := loop.Step(ctx)
		if err != nil {
			t.Fatal(err)
		}
		meta, _, _ := loop.Store().Meta(ctx, fmt.Sprintf("requeue:%d", got.ID))
		loop.Close()
		if got.ID != e.ID || got.Status != store.Done || got.Tries != tc.tries || string(meta) != tc.requeueed || ex.runs != 1 {
			t.Errorf("holds=%v: #%d %s after %d tries (want #%d done after %d), requeue count %q (want %q), %d runs (want 1)",
				tc.holds, got.ID, got.Status, got.Tries, e.ID, tc.tries, meta, tc.requeueed, ex.runs)
		}
	}
}

// TestOpenDefaultExecutor pins what a notebook cell relies on: without a
// Team, Open builds the config's and stores its calls; without an
// Executor, it runs workers as this program's `archlab worker` (here
// the test binary standing in for archlab), and a Slurm config gets the
// Slurm executor (or a clear error), never the local pool.
func TestOpenDefaultExecutor(t *testing.T) {
	if testing.Short() {
		t.Skip("trains in worker processes")
	}
	t.Setenv("ARCHLAB_TEST_AS_ARCHLAB", "1")
	cfg := testConfig()
	cfg.Seeds = 1
	loop, err := search.Open(t.TempDir(), cfg, search.Options{}) // no team: the config's (offline) agents
	if err != nil {
		t.Fatal(err)
	}
	defer loop.Close()
	ctx := context.Background()
	base, err := loop.Step(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if base.Status != store.Done {
		t.Fatalf("baseline = %s (%s): %s, want done through the default executor", base.Status, base.Reason, base.Error)
	}
	e, err := loop.Step(ctx)
	if err != nil {
		t.Fatal(err)
	}
	calls, err := loop.Store().Calls(ctx, e.ID)
	if err != nil || len(calls) == 0 {
		t.Errorf("experiment %d (%s): %d agent calls stored (%v), want the config's team recorded", e.ID, e.Status, len(calls), err)
	}

	// A Slurm config gets the Slurm executor, or an error naming Slurm
	// and the doctor where no controller answers.
	cfg = testConfig()
	cfg.Executor = "slurm"
	sl, err := search.Open(t.TempDir(), cfg, search.Options{Team: newScripted().team()})
	switch {
	case err != nil:
		if !strings.Contains(err.Error(), "slurm") || !strings.Contains(err.Error(), "archlab doctor") {
			t.Errorf("a slurm config where Slurm does not answer: err = %v, want one naming slurm and archlab doctor", err)
		}
	default:
		if name := sl.Executor().Name(); name != "slurm" {
			t.Errorf("a slurm config: executor %q, want slurm", name)
		}
		sl.Close()
	}
	cfg.Executor = "condor"
	if _, err := search.Open(t.TempDir(), cfg, search.Options{Team: newScripted().team()}); err == nil || !strings.Contains(err.Error(), "condor") {
		t.Errorf("executor condor: err = %v, want one naming it", err)
	}
}
