package search

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/archlab/archlab/lib/store"
)

// View is what a Selector sees: the finished stage-1 experiments and
// their lineage.
type View struct {
	Ranked   []*store.Experiment           // done stage-1 experiments, best fitness first (ties: lower id first)
	ByID     map[int64]*store.Experiment   // every stage-1 experiment, any status
	Children map[int64][]*store.Experiment // children by parent id, any status
	Baseline *store.Experiment             // experiment 1
	N        int                           // proposals made before this one
}

// Selector picks the next proposal's parent and references.
type Selector interface {
	Name() string
	Select(v *View, rng *rand.Rand) (parent *store.Experiment, refs []*store.Experiment)
}

// NewSelector returns the named selector: asi, islands, ucb, hgm or random.
func NewSelector(name string, p Pool) Selector {
	switch name {
	case "islands":
		return islands{p}
	case "ucb":
		return ucb{p}
	case "hgm":
		return hgm{p}
	case "random":
		return uniform{p}
	default:
		return asiPool{p}
	}
}

// admitted is the pool: the top Capacity experiments within Band of the
// best fitness.
func admitted(v *View, p Pool) []*store.Experiment {
	if len(v.Ranked) == 0 {
		return nil
	}
	best := v.Ranked[0].Fitness
	var out []*store.Experiment
	for _, e := range v.Ranked {
		if len(out) == p.Capacity {
			break
		}
		if best-e.Fitness <= p.Band || e.ID == v.Baseline.ID {
			out = append(out, e)
		}
	}
	return out
}

// refsAfter draws up to n references from ranks [from, len) of pool,
// without the parent.
func refsAfter(pool []*store.Experiment, from, n int, parent *store.Experiment, rng *rand.Rand) []*store.Experiment {
	var cand []*store.Experiment
	for i, e := range pool {
		if i >= from && e.ID != parent.ID {
			cand = append(cand, e)
		}
	}
	if len(cand) == 0 { // a small pool: references from the top too
		for _, e := range pool {
			if e.ID != parent.ID {
				cand = append(cand, e)
			}
		}
	}
	rng.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	cand = cand[:min(n, len(cand))]
	slices.SortFunc(cand, func(a, b *store.Experiment) int { return cmp.Compare(a.ID, b.ID) })
	return cand
}

// asiPool is ASI-ARCH's pool: a cold start from the baseline, then a
// parent uniformly from the top ParentTop ranks and references from the
// ranks after.
type asiPool struct{ p Pool }

func (asiPool) Name() string { return "asi" }

func (s asiPool) Select(v *View, rng *rand.Rand) (*store.Experiment, []*store.Experiment) {
	pool := admitted(v, s.p)
	if v.N < s.p.ColdStart || len(pool) == 0 {
		return v.Baseline, refsAfter(pool, 0, s.p.Refs, v.Baseline, rng)
	}
	top := min(s.p.ParentTop, len(pool))
	parent := pool[rng.IntN(top)]
	return parent, refsAfter(pool, top, s.p.Refs, parent, rng)
}

// uniform is the control: any finished experiment, uniformly.
type uniform struct{ p Pool }

func (uniform) Name() string { return "random" }

func (s uniform) Select(v *View, rng *rand.Rand) (*store.Experiment, []*store.Experiment) {
	if len(v.Ranked) == 0 {
		return v.Baseline, nil
	}
	byID := slices.Clone(v.Ranked)
	slices.SortFunc(byID, func(a, b *store.Experiment) int { return cmp.Compare(a.ID, b.ID) })
	parent := byID[rng.IntN(len(byID))]
	return parent, nil
}

// islands keeps Islands sub-populations: an experiment belongs to the
// island of its first-generation ancestor (children of the baseline are
// dealt round-robin); proposal N works on island N mod Islands, whose pool
// also holds the global best every Migrate proposals.
type islands struct{ p Pool }

func (islands) Name() string { return "islands" }

func (s islands) island(v *View, e *store.Experiment) int {
	for e.Parent != 0 && e.Parent != v.Baseline.ID {
		p, ok := v.ByID[e.Parent]
		if !ok {
			break
		}
		e = p
	}
	if e.ID == v.Baseline.ID {
		return -1 // the baseline belongs to every island
	}
	return int(e.ID % int64(s.p.Islands))
}

func (s islands) Select(v *View, rng *rand.Rand) (*store.Experiment, []*store.Experiment) {
	k := v.N % s.p.Islands
	var pool []*store.Experiment
	for _, e := range admitted(v, s.p) {
		if i := s.island(v, e); i == k || i == -1 {
			pool = append(pool, e)
		}
	}
	if v.N > 0 && v.N%s.p.Migrate == 0 && len(v.Ranked) > 0 && !slices.Contains(pool, v.Ranked[0]) {
		pool = append([]*store.Experiment{v.Ranked[0]}, pool...)
	}
	if v.N < s.p.ColdStart*s.p.Islands || len(pool) == 0 {
		return v.Baseline, refsAfter(pool, 0, s.p.Refs, v.Baseline, rng)
	}
	top := min(s.p.ParentTop, len(pool))
	parent := pool[rng.IntN(top)]
	return parent, refsAfter(pool, top, s.p.Refs, parent, rng)
}

// ucb picks the parent with the highest upper confidence bound on its
// children's fitness: mean child fitness (its own before it has children)
// + c·√(ln N / (1 + children)).
type ucb struct{ p Pool }

func (ucb) Name() string { return "ucb" }

func (s ucb) Select(v *View, rng *rand.Rand) (*store.Experiment, []*store.Experiment) {
	pool := admitted(v, s.p)
	if len(pool) == 0 {
		return v.Baseline, nil
	}
	total := float64(v.N + 1)
	var best *store.Experiment
	bestU := math.Inf(-1)
	for _, e := range pool {
		mean, n := e.Fitness, 0
		var sum float64
		for _, c := range v.Children[e.ID] {
			if c.Status == store.Done {
				sum += c.Fitness
				n++
			} else if c.Status == store.Failed || c.Status == store.Rejected {
				n++ // a failed child is a zero-fitness pull
			}
		}
		if n > 0 {
			mean = sum / float64(n)
		}
		u := mean + s.p.UCBC*math.Sqrt(math.Log(total)/float64(1+n))
		if u > bestU {
			best, bestU = e, u
		}
	}
	return best, refsAfter(pool, s.p.ParentTop, s.p.Refs, best, rng)
}

// hgm scores a parent by how its clade does (the Huxley-Gödel Machine's
// metaproductivity): the mean fitness of its descendants, its own as a
// prior, and draws from a softmax over those scores.
type hgm struct{ p Pool }

func (hgm) Name() string { return "hgm" }

func (s hgm) clade(v *View, e *store.Experiment) (sum float64, n int) {
	for _, c := range v.Children[e.ID] {
		if c.Status == store.Done {
			sum += c.Fitness
			n++
		} else if c.Status == store.Failed || c.Status == store.Rejected {
			n++
		}
		cs, cn := s.clade(v, c)
		sum, n = sum+cs, n+cn
	}
	return sum, n
}

func (s hgm) Select(v *View, rng *rand.Rand) (*store.Experiment, []*store.Experiment) {
	pool := admitted(v, s.p)
	if len(pool) == 0 {
		return v.Baseline, nil
	}
	scores := make([]float64, len(pool))
	hi := math.Inf(-1)
	for i, e := range pool {
		sum, n := s.clade(v, e)
		scores[i] = (e.Fitness + sum) / float64(1+n)
		hi = math.Max(hi, scores[i])
	}
	var z float64
	for i := range scores {
		scores[i] = math.Exp((scores[i] - hi) / s.p.HGMTemp)
		z += scores[i]
	}
	r := rng.Float64() * z
	parent := pool[len(pool)-1]
	for i, w := range scores {
		if r < w {
			parent = pool[i]
			break
		}
		r -= w
	}
	return parent, refsAfter(pool, s.p.ParentTop, s.p.Refs, parent, rng)
}
