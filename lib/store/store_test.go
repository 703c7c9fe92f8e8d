package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/archlab/archlab/agents"
)

// newStore opens a fresh run folder that the test closes.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// diffExp lists the fields where a and b differ; NaN equals NaN and times
// compare with Equal.
func diffExp(a, b *Experiment) []string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var diffs []string
	for i := range va.NumField() {
		fa, fb := va.Field(i).Interface(), vb.Field(i).Interface()
		same := false
		switch x := fa.(type) {
		case float64:
			y := fb.(float64)
			same = x == y || math.IsNaN(x) && math.IsNaN(y)
		case time.Time:
			same = x.Equal(fb.(time.Time))
		default:
			same = reflect.DeepEqual(fa, fb)
		}
		if !same {
			diffs = append(diffs, fmt.Sprintf("%s: -want %#v +got %#v", va.Type().Field(i).Name, fa, fb))
		}
	}
	return diffs
}

func checkExp(t *testing.T, want, got *Experiment) {
	t.Helper()
	for _, d := range diffExp(want, got) {
		t.Error(d)
	}
}

// fullExp sets every field of Experiment to something other than its zero.
func fullExp(name string) *Experiment {
	at := time.Date(2026, 12, 6, 20, 1, 2, 123456789, time.FixedZone("CET", 3600))
	return &Experiment{
		Refs:       []int64{1, 1},
		Name:       name,
		Motivation: "gates help — ünïcode too",
		Design:     json.RawMessage(`{"gate":"sigmoid","conv":8}`),
		Created:    at,
		Started:    at.Add(time.Second),
		Finished:   at.Add(time.Minute + time.Nanosecond),
		Stage:      2,
		Status:     Done,
		Reason:     "timeout",
		Error:      "exceeded 60 s",
		Tries:      3,
		Source:     "package layer\n\nfunc F() {}\n",
		SourceHash: "sha256:abcd",
		Check:      json.RawMessage(`{"causal":true}`),
		Spec:       json.RawMessage(`{"steps":100}`),
		Seed:       math.MaxUint64 - 7, // above 2^63: stored as its int64 bit pattern
		Seeds:      []uint64{1, 1 << 63},
		FinalLoss:  3.25,
		ValLoss:    math.NaN(),
		Scores:     map[string]float64{"mqar": 0.5, "copy": 1},
		Bench:      0.75,
		ValStd:     math.Inf(1),
		BenchStd:   0.125,
		Params:     12345,

		Fitness:      0.6,
		FitnessLoss:  0.5,
		FitnessBench: 0.4,
		FitnessJudge: math.NaN(),
		Judge:        json.RawMessage(`[{"performance":7}]`),
		BeatsASI:     true,
		BeatsNoise:   true,
		Memo:         "better than its parent",
		Cognition:    []string{"c1", "c2"},
		WallS:        61.5,
		CPUS:         120.25,
		DeviceS:      math.NaN(),
		DeviceKind:   "cpu",
	}
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	root := &Experiment{Name: "baseline", Status: Done, Stage: 1}
	if _, err := s.Insert(ctx, root); err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	tests := []struct {
		name string
		e    *Experiment
	}{
		{"every field", func() *Experiment { e := fullExp("full"); e.Parent, e.Of = root.ID, root.ID; return e }()},
		{"zero values", &Experiment{Status: Proposed}},
		{"never measured", &Experiment{Status: Failed, FinalLoss: nan, ValLoss: nan, Bench: nan, ValStd: nan, BenchStd: nan,
			Fitness: nan, FitnessLoss: nan, FitnessBench: nan, FitnessJudge: nan, WallS: nan, CPUS: nan, DeviceS: nan}},
		{"empty, not nil", &Experiment{Status: Queued, Refs: []int64{}, Seeds: []uint64{}, Scores: map[string]float64{}, Cognition: []string{},
			Design: json.RawMessage(`{}`), Check: json.RawMessage(`null`), Spec: json.RawMessage(`""`), Judge: json.RawMessage(`[]`)}},
		{"negative infinity", &Experiment{Status: Done, ValLoss: math.Inf(-1), Seed: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := *tt.e
			id, err := s.Insert(ctx, tt.e)
			if err != nil {
				t.Fatal(err)
			}
			if id != tt.e.ID || id <= root.ID {
				t.Fatalf("Insert returned %d, set e.ID %d", id, tt.e.ID)
			}
			want.ID = id
			if want.Created.IsZero() {
				if time.Since(tt.e.Created) > time.Minute {
					t.Fatalf("Created not set to now: %v", tt.e.Created)
				}
				want.Created = tt.e.Created
			}
			got, err := s.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			checkExp(t, &want, got)

			// Update carries every field too: change them all.
			upd := fullExp("updated " + tt.name)
			upd.ID, upd.Parent, upd.Of = id, root.ID, root.ID
			upd.Status, upd.Seed, upd.FinalLoss = Running, 42, nan
			if err := s.Update(ctx, upd); err != nil {
				t.Fatal(err)
			}
			got, err = s.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			checkExp(t, upd, got)
		})
	}
	all, err := s.List(ctx, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(tests)+1 {
		t.Fatalf("List: %d experiments, want %d", len(all), len(tests)+1)
	}
	for i, e := range all {
		if e.ID != int64(i+1) {
			t.Errorf("List[%d].ID = %d: ids are not in insertion order", i, e.ID)
		}
	}
}

func TestSourceFile(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := &Experiment{Name: "a", Status: Checked, Source: "package a\n"}
	if _, err := s.Insert(ctx, e); err != nil {
		t.Fatal(err)
	}
	src := func() string {
		b, err := s.ReadFile(e.ID, SourceFile)
		if errors.Is(err, fs.ErrNotExist) {
			return "<none>"
		}
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	steps := []struct{ source, want string }{
		{"package a\n", "package a\n"},
		{"package b\n", "package b\n"},
		{"", "<none>"},
		{"package c\n", "package c\n"},
	}
	for _, st := range steps {
		e.Source = st.source
		if err := s.Update(ctx, e); err != nil {
			t.Fatal(err)
		}
		if got := src(); got != st.want {
			t.Errorf("after Update with source %q: layer.go %q, want %q", st.source, got, st.want)
		}
	}
	noSrc := &Experiment{Name: "b", Status: Proposed}
	if _, err := s.Insert(ctx, noSrc); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(s.ExpDir(noSrc.ID)); err != nil || !fi.IsDir() {
		t.Fatalf("Insert did not create the experiment folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(s.ExpDir(noSrc.ID), SourceFile)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("layer.go of an experiment without source: %v", err)
	}
}

func TestInvalid(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	root := &Experiment{Name: "root", Status: Done}
	if _, err := s.Insert(ctx, root); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		op   func() error
		is   error  // errors.Is, when not nil
		msg  string // part of the message
	}{
		{"insert with id", func() error { _, err := s.Insert(ctx, &Experiment{ID: 5, Status: Done}); return err }, nil, "already has id 5"},
		{"insert without status", func() error { _, err := s.Insert(ctx, &Experiment{Name: "x"}); return err }, nil, `invalid status ""`},
		{"insert bad json", func() error {
			_, err := s.Insert(ctx, &Experiment{Status: Done, Spec: json.RawMessage(`{`)})
			return err
		}, nil, "spec is not valid JSON"},
		{"insert unknown parent", func() error { _, err := s.Insert(ctx, &Experiment{Status: Done, Parent: 99}); return err }, nil, "FOREIGN KEY"},
		{"update bad status", func() error { return s.Update(ctx, &Experiment{ID: root.ID, Status: "finished"}) }, nil, `invalid status "finished"`},
		{"update unknown id", func() error { return s.Update(ctx, &Experiment{ID: 99, Status: Done}) }, ErrNotFound, "update 99"},
		{"update own parent", func() error { return s.Update(ctx, &Experiment{ID: root.ID, Status: Done, Parent: root.ID}) }, nil, "does not precede"},
		{"update without created", func() error { return s.Update(ctx, &Experiment{ID: root.ID, Status: Done}) }, nil, "zero Created"},
		{"get unknown", func() error { _, err := s.Get(ctx, 42); return err }, ErrNotFound, "get 42"},
		{"call of unknown experiment", func() error { _, err := s.AddCall(ctx, 42, agents.CallRecord{Role: "judge"}); return err }, nil, "FOREIGN KEY"},
		{"meta without key", func() error { return s.SetMeta(ctx, "", nil) }, nil, "empty key"},
		{"list negative parent", func() error { _, err := s.List(ctx, Filter{Parent: -2}); return err }, nil, "invalid parent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.op()
			if err == nil {
				t.Fatal("no error")
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v is not %v", err, tt.is)
			}
			if !strings.Contains(err.Error(), tt.msg) || !strings.HasPrefix(err.Error(), "store: ") {
				t.Errorf("error %q: want the prefix store: and %q", err, tt.msg)
			}
		})
	}
	if n, _ := s.List(ctx, Filter{}); len(n) != 1 {
		t.Errorf("failed inserts left %d rows, want 1", len(n))
	}
}

// tree stores:
//
//	1 ─┬─ 2 ─┬─ 4 ── 6
//	   │     └─ 5
//	   └─ 3
//	7 (a root, stage 2 of 3)
//	8 (a second stage-1 root)
func tree(t *testing.T, s *Store) {
	t.Helper()
	rows := []struct {
		parent, of int64
		stage      int
		status     Status
	}{{0, 0, 1, Done}, {1, 0, 1, Done}, {1, 0, 1, Failed}, {2, 0, 1, Done}, {2, 0, 1, Rejected}, {4, 0, 1, Running}, {0, 3, 2, Queued}, {0, 0, 1, Done}}
	for i, r := range rows {
		e := &Experiment{Name: fmt.Sprint("e", i+1), Parent: r.parent, Of: r.of, Stage: r.stage, Status: r.status}
		if _, err := s.Insert(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

func ids(es []*Experiment) []int64 {
	out := []int64{}
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestLineage(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	tree(t, s)
	tests := []struct {
		name string
		get  func() ([]*Experiment, error)
		want []int64
	}{
		{"lineage of a leaf", func() ([]*Experiment, error) { return s.Lineage(ctx, 6) }, []int64{6, 4, 2, 1}},
		{"lineage of a root", func() ([]*Experiment, error) { return s.Lineage(ctx, 1) }, []int64{1}},
		{"children", func() ([]*Experiment, error) { return s.Children(ctx, 2) }, []int64{4, 5}},
		{"children of a leaf", func() ([]*Experiment, error) { return s.Children(ctx, 5) }, []int64{}},
		{"siblings", func() ([]*Experiment, error) { return s.Siblings(ctx, 4) }, []int64{5}},
		{"only child", func() ([]*Experiment, error) { return s.Siblings(ctx, 6) }, []int64{}},
		{"siblings of a root", func() ([]*Experiment, error) { return s.Siblings(ctx, 1) }, []int64{8}},
		{"siblings of a stage-2 root", func() ([]*Experiment, error) { return s.Siblings(ctx, 7) }, []int64{}},
		{"list all", func() ([]*Experiment, error) { return s.List(ctx, Filter{}) }, []int64{1, 2, 3, 4, 5, 6, 7, 8}},
		{"list stage 2", func() ([]*Experiment, error) { return s.List(ctx, Filter{Stage: 2}) }, []int64{7}},
		{"list statuses", func() ([]*Experiment, error) { return s.List(ctx, Filter{Status: []Status{Failed, Rejected}}) }, []int64{3, 5}},
		{"list roots", func() ([]*Experiment, error) { return s.List(ctx, Filter{Parent: NoParent}) }, []int64{1, 7, 8}},
		{"list children", func() ([]*Experiment, error) { return s.List(ctx, Filter{Parent: 1, Status: []Status{Done}}) }, []int64{2}},
		{"list after", func() ([]*Experiment, error) { return s.List(ctx, Filter{After: 5}) }, []int64{6, 7, 8}},
		{"list limit", func() ([]*Experiment, error) { return s.List(ctx, Filter{Limit: 2}) }, []int64{1, 2}},
		{"list newest", func() ([]*Experiment, error) { return s.List(ctx, Filter{Limit: 3, Newest: true}) }, []int64{8, 7, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, err := tt.get()
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(es); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("-want %v +got %v", tt.want, got)
			}
		})
	}
	for name, f := range map[string]func() error{
		"lineage":  func() error { _, err := s.Lineage(ctx, 99); return err },
		"children": func() error { _, err := s.Children(ctx, 99); return err },
		"siblings": func() error { _, err := s.Siblings(ctx, 99); return err },
	} {
		if err := f(); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s of an unknown id: %v, want ErrNotFound", name, err)
		}
	}
}

func TestCalls(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := &Experiment{Name: "a", Status: Proposed}
	if _, err := s.Insert(ctx, e); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 6, 20, 0, 0, 5, time.UTC)
	recs := []struct {
		exp int64
		c   agents.CallRecord
	}{
		{0, agents.CallRecord{Role: "researcher", Provider: "offline", Model: "m", PromptHash: "h1", Request: "req", Reply: "rep",
			TokensIn: 10, TokensOut: 20, LatencyS: 0.5, CostUSD: 0.001, Attempt: 1, Time: at}},
		{e.ID, agents.CallRecord{Role: "engineer", Provider: "openai", Error: "timeout", Attempt: 2, LatencyS: math.NaN(), CostUSD: math.NaN()}},
		{e.ID, agents.CallRecord{Role: "judge", Time: at.Add(time.Hour)}},
	}
	for i, r := range recs {
		id, err := s.AddCall(ctx, r.exp, r.c)
		if err != nil {
			t.Fatal(err)
		}
		if id != int64(i+1) {
			t.Errorf("call %d got id %d", i, id)
		}
	}
	all, err := s.Calls(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != len(recs) {
		t.Fatalf("Calls(0): %d calls, want %d", len(all), len(recs))
	}
	for i, c := range all {
		want := recs[i].c
		got := c.CallRecord
		if math.IsNaN(want.LatencyS) && math.IsNaN(got.LatencyS) {
			want.LatencyS, got.LatencyS = 0, 0
		}
		if math.IsNaN(want.CostUSD) && math.IsNaN(got.CostUSD) {
			want.CostUSD, got.CostUSD = 0, 0
		}
		if !reflect.DeepEqual(want, got) || c.Exp != recs[i].exp || c.ID != int64(i+1) {
			t.Errorf("call %d: -want %+v (exp %d) +got %+v (exp %d)", i, want, recs[i].exp, got, c.Exp)
		}
	}
	of, err := s.Calls(ctx, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(of) != 2 || of[0].Role != "engineer" || of[1].Role != "judge" {
		t.Errorf("Calls(%d) = %+v, want the engineer and the judge", e.ID, of)
	}
}

func TestMeta(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if v, ok, err := s.Meta(ctx, "seed"); err != nil || ok || v != nil {
		t.Fatalf("Meta of a missing key = %q, %v, %v", v, ok, err)
	}
	for _, v := range [][]byte{[]byte(`{"seed":1}`), []byte("2"), nil, {0, 255}} {
		if err := s.SetMeta(ctx, "seed", v); err != nil {
			t.Fatal(err)
		}
		got, ok, err := s.Meta(ctx, "seed")
		if err != nil || !ok || string(got) != string(v) || got == nil {
			t.Errorf("Meta after SetMeta(%q) = %q, %v, %v", v, got, ok, err)
		}
	}
	if err := s.SetMeta(ctx, "config", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	keys, err := s.MetaKeys(ctx)
	if err != nil || !reflect.DeepEqual(keys, []string{"config", "seed"}) {
		t.Errorf("MetaKeys = %v, %v", keys, err)
	}
}

func TestTx(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	boom := errors.New("boom")
	e := &Experiment{Name: "rolled back", Status: Checked, Source: "package x\n"}
	err := s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.Insert(ctx, e); err != nil {
			return err
		}
		if _, err := tx.AddCall(ctx, e.ID, agents.CallRecord{Role: "engineer"}); err != nil {
			return err
		}
		if err := tx.SetMeta(ctx, "next", []byte("2")); err != nil {
			return err
		}
		if got, err := tx.Get(ctx, e.ID); err != nil || got.Name != e.Name {
			return fmt.Errorf("Get inside the transaction: %v, %v", got, err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Tx returned %v, want fn's error", err)
	}
	if e.ID != 0 || !e.Created.IsZero() {
		t.Errorf("after rollback e.ID = %d, e.Created = %v, want zero", e.ID, e.Created)
	}
	if _, err := os.Stat(s.ExpDir(1)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("rolled back insert left its folder: %v", err)
	}
	if es, _ := s.List(ctx, Filter{}); len(es) != 0 {
		t.Errorf("rolled back insert left %d rows", len(es))
	}
	if cs, _ := s.Calls(ctx, 0); len(cs) != 0 {
		t.Errorf("rolled back call left %d rows", len(cs))
	}
	if _, ok, _ := s.Meta(ctx, "next"); ok {
		t.Error("rolled back SetMeta left its key")
	}

	// An Update rolled back restores layer.go; a panic rolls back too.
	if _, err := s.Insert(ctx, e); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not go on")
			}
		}()
		s.Tx(ctx, func(tx *Tx) error {
			e2 := *e
			e2.Source = "package y\n"
			if err := tx.Update(ctx, &e2); err != nil {
				t.Error(err)
			}
			panic("in fn")
		})
	}()
	if b, err := s.ReadFile(e.ID, SourceFile); err != nil || string(b) != e.Source {
		t.Errorf("layer.go after a rolled back Update = %q, %v, want %q", b, err, e.Source)
	}
	got, err := s.Get(ctx, e.ID)
	if err != nil || got.Source != e.Source {
		t.Errorf("row after a rolled back Update: %v", err)
	}

	// Commit: all or nothing, and the writes are visible after.
	err = s.Tx(ctx, func(tx *Tx) error {
		c := &Experiment{Name: "child", Parent: e.ID, Status: Proposed}
		if _, err := tx.Insert(ctx, c); err != nil {
			return err
		}
		return tx.SetMeta(ctx, "last", []byte(fmt.Sprint(c.ID)))
	})
	if err != nil {
		t.Fatal(err)
	}
	if v, _, _ := s.Meta(ctx, "last"); string(v) != "2" {
		t.Errorf("meta last = %q, want 2", v)
	}
}

// TestOrphanFolder: the folder of an insert that never committed (the
// process died between the file and the commit) is moved aside, not reused.
func TestOrphanFolder(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := os.MkdirAll(s.ExpDir(1), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(s.ExpDir(1), SourceFile), []byte("stale"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := &Experiment{Name: "new", Status: Proposed}
	if _, err := s.Insert(ctx, e); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReadFile(e.ID, SourceFile); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the new experiment sees a stale layer.go: %v", err)
	}
	aside, _ := filepath.Glob(s.ExpDir(1) + ".orphan-*")
	if len(aside) != 1 {
		t.Errorf("orphan folders moved aside: %v, want 1", aside)
	}
}

func TestWriteFile(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := &Experiment{Name: "a", Status: Running}
	if _, err := s.Insert(ctx, e); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		ok   bool
	}{
		{"result.json", true},
		{"metrics.jsonl", true},
		{"ckpt-000100.bin", true},
		{"..x", false}, // hidden, like the temporary files
		{"", false},
		{"../x", false},
		{"a/b", false},
		{`a\b`, false},
		{".", false},
		{"..", false},
		{".hidden", false},
		{"nul\x00", false},
		{SourceFile, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok := tt.ok
			err := s.WriteFile(e.ID, tt.name, []byte("v1"))
			if (err == nil) != ok {
				t.Fatalf("WriteFile(%q) = %v, want ok %v", tt.name, err, ok)
			}
			if !ok {
				return
			}
			if err := s.WriteFile(e.ID, tt.name, []byte("v2")); err != nil {
				t.Fatal(err)
			}
			b, err := s.ReadFile(e.ID, tt.name)
			if err != nil || string(b) != "v2" {
				t.Errorf("ReadFile = %q, %v, want v2", b, err)
			}
		})
	}
	left, _ := filepath.Glob(filepath.Join(s.ExpDir(e.ID), ".*"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	if err := s.WriteFile(99, "result.json", nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("WriteFile for an experiment without a folder: %v", err)
	}
	if _, err := s.ReadFile(e.ID, "missing.json"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile of a missing file: %v", err)
	}
	if _, err := s.ReadFile(e.ID, "../archlab.db"); err == nil {
		t.Error("ReadFile escaped the experiment folder")
	}
}

// TestWriteFileAtomic: a reader polling the file while it is rewritten
// sees whole versions only.
func TestWriteFileAtomic(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	e := &Experiment{Name: "a", Status: Running}
	if _, err := s.Insert(ctx, e); err != nil {
		t.Fatal(err)
	}
	versions := [][]byte{[]byte(strings.Repeat("a", 1<<16)), []byte(strings.Repeat("b", 1<<17))}
	if err := s.WriteFile(e.ID, "result.json", versions[0]); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		for i := range 16 {
			if err := s.WriteFile(e.ID, "result.json", versions[i%2]); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			return
		default:
		}
		b, err := s.ReadFile(e.ID, "result.json")
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != string(versions[0]) && string(b) != string(versions[1]) {
			t.Fatalf("read a torn file of %d bytes", len(b))
		}
	}
}

// TestConcurrentWriters: the loop's goroutines write through one Store at
// once; the writes queue on SQLite's lock instead of failing with BUSY.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	const workers, each = 4, 8
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			for i := range each {
				e := &Experiment{Name: fmt.Sprint(w, "-", i), Status: Queued}
				if _, err := s.Insert(ctx, e); err != nil {
					errs <- err
					return
				}
				e.Status = Running
				if err := s.Update(ctx, e); err != nil {
					errs <- err
					return
				}
				if _, err := s.AddCall(ctx, e.ID, agents.CallRecord{Role: "judge"}); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	es, err := s.List(ctx, Filter{Status: []Status{Running}})
	if err != nil || len(es) != workers*each {
		t.Fatalf("%d running experiments (%v), want %d", len(es), err, workers*each)
	}
}
