package search

import (
	"math/rand/v2"
	"testing"

	"github.com/archlab/archlab/lib/store"
)

// view builds a view of n done experiments under the baseline with
// fitness rising with the id.
func testView(n int) *View {
	base := &store.Experiment{ID: 1, Status: store.Done, Fitness: 0.5}
	v := &View{ByID: map[int64]*store.Experiment{1: base}, Children: map[int64][]*store.Experiment{}, Baseline: base, N: n}
	v.Ranked = []*store.Experiment{base}
	for i := 2; i <= n+1; i++ {
		e := &store.Experiment{ID: int64(i), Parent: 1, Status: store.Done, Fitness: 0.5 + float64(i)/100}
		v.ByID[e.ID] = e
		v.Children[1] = append(v.Children[1], e)
		v.Ranked = append([]*store.Experiment{e}, v.Ranked...)
	}
	return v
}

func TestSelectors(t *testing.T) {
	p := Defaults().Pool
	for _, name := range []string{"asi", "islands", "ucb", "hgm", "random"} {
		t.Run(name, func(t *testing.T) {
			s := NewSelector(name, p)
			if s.Name() != name {
				t.Errorf("Name = %q", s.Name())
			}
			v := testView(10)
			seen := map[int64]int{}
			for i := range 200 {
				rng := rand.New(rand.NewPCG(uint64(i), 1))
				parent, refs := s.Select(v, rng)
				if parent == nil {
					t.Fatal("no parent")
				}
				seen[parent.ID]++
				for _, r := range refs {
					if r.ID == parent.ID {
						t.Fatalf("reference %d is the parent", r.ID)
					}
				}
				// Same draw, same answer.
				p2, _ := s.Select(v, rand.New(rand.NewPCG(uint64(i), 1)))
				if p2.ID != parent.ID {
					t.Fatalf("not deterministic: %d then %d", parent.ID, p2.ID)
				}
			}
			switch name {
			case "asi":
				for id := range seen {
					if id < 8 { // the top 4 are ids 11, 10, 9, 8
						t.Errorf("asi picked %d outside the top ranks", id)
					}
				}
			case "random":
				if len(seen) < 8 {
					t.Errorf("random picked only %d distinct parents of 11", len(seen))
				}
			}
		})
	}
	// Cold start: the first proposals start from the baseline.
	v := testView(10)
	v.N = 0
	if parent, _ := NewSelector("asi", p).Select(v, rand.New(rand.NewPCG(1, 1))); parent.ID != 1 {
		t.Errorf("cold start parent = %d, want the baseline", parent.ID)
	}
}
