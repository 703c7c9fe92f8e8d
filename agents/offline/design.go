package offline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Design is a layer as discrete component choices. It travels as JSON in
// agents.Proposal.Design and agents.Candidate.Design, and the Engineer
// renders it to a complete layer source. The zero values of the optional
// fields mean "absent"; Normalize makes equal layers compare equal.
type Design struct {
	Rule        string   `json:"rule"`                   // memory update: "delta" or "linear"
	Decay       string   `json:"decay"`                  // memory decay: "none", "mamba" (−exp(A)·softplus), "sigmoid" (α = σ)
	FeatureMap  string   `json:"feature_map"`            // q, k map before L2: "silu", "elu1", "relu", "identity"
	Conv        int      `json:"conv"`                   // short causal conv on q, k, v: 0 (off) or width 2..8, e.g. 4
	Beta        string   `json:"beta,omitempty"`         // delta rule's write strength: "sigmoid", "sigmoid2" (0..2), "const"
	OutGate     string   `json:"out_gate"`               // output gate: "none", "silu", "sigmoid"
	OutNorm     string   `json:"out_norm"`               // per-head output norm: "rms", "none"
	Paths       []string `json:"paths,omitempty"`        // extra paths beside the memory: "local", "identity", "fast_memory"
	LocalConv   int      `json:"local_conv,omitempty"`   // width of the local path's conv, one of 3, 4, 7, 15, 31
	Router      string   `json:"router,omitempty"`       // with paths, per token and head: "softmax" or "sigmoid"
	RouterStats bool     `json:"router_stats,omitempty"` // the router also sees each path's mean |output| (content-aware)
	RouterFloor bool     `json:"router_floor,omitempty"` // softmax router only: every path keeps at least 2%
}

// The values each field may take, in the order mutations enumerate them.
var (
	rules       = []string{"delta", "linear"}
	decays      = []string{"none", "mamba", "sigmoid"}
	featureMaps = []string{"silu", "elu1", "relu", "identity"}
	convWidths  = []int{0, 2, 3, 4, 5, 6, 7, 8}
	betas       = []string{"sigmoid", "sigmoid2", "const"}
	outGates    = []string{"none", "silu", "sigmoid"}
	outNorms    = []string{"rms", "none"}
	pathNames   = []string{"local", "identity", "fast_memory"}
	localConvs  = []int{3, 4, 7, 15, 31}
	routers     = []string{"softmax", "sigmoid"}
)

// DeltaNet is the design of the baseline: it renders to a layer equal to
// lib/arch/zoo/deltanet.go (same parameters, same outputs).
func DeltaNet() Design {
	return Design{Rule: "delta", Decay: "none", FeatureMap: "silu", Conv: 4, Beta: "sigmoid", OutGate: "none", OutNorm: "rms"}
}

// GatedDeltaNet is the design closest to lib/arch/zoo/gated_deltanet.go:
// Mamba2's decay and a SiLU output gate.
func GatedDeltaNet() Design {
	d := DeltaNet()
	d.Decay, d.OutGate = "mamba", "silu"
	return d
}

// HybridRouter is the design closest to lib/arch/zoo/hybrid_router.go: the
// delta rule, a local convolution path and an identity path under a softmax
// router.
func HybridRouter() Design {
	d := DeltaNet()
	d.Paths, d.LocalConv, d.Router = []string{"local", "identity"}, 4, "softmax"
	return d
}

// ForName maps a layer's name to the closest design: zoo names and names
// containing "gated", "router"/"hybrid", "mamba" or "linear"; anything
// else starts from DeltaNet. ok reports whether the name was recognised.
func ForName(name string) (d Design, ok bool) {
	n := strings.ToLower(name)
	switch {
	case n == "deltanet" || n == "delta_net":
		return DeltaNet(), true
	case strings.Contains(n, "mamba"):
		return Design{Rule: "linear", Decay: "mamba", FeatureMap: "silu", Conv: 4, OutGate: "silu", OutNorm: "rms"}, true
	case strings.Contains(n, "router") || strings.Contains(n, "hybrid"):
		return HybridRouter(), true
	case strings.Contains(n, "gated"):
		return GatedDeltaNet(), true
	case strings.Contains(n, "linear"):
		return Design{Rule: "linear", Decay: "none", FeatureMap: "elu1", OutGate: "none", OutNorm: "none"}, true
	}
	return DeltaNet(), false
}

// Normalize returns d with the fields that do not apply cleared and the
// paths in canonical order, so that two designs of the same layer are
// equal.
func (d Design) Normalize() Design {
	if d.Rule != "delta" {
		d.Beta = ""
	} else if d.Beta == "" {
		d.Beta = "sigmoid"
	}
	var ps []string
	for _, p := range pathNames {
		if slices.Contains(d.Paths, p) {
			ps = append(ps, p)
		}
	}
	for _, p := range d.Paths {
		if !slices.Contains(pathNames, p) {
			ps = append(ps, p) // kept for Validate to report
		}
	}
	d.Paths = ps
	if !slices.Contains(ps, "local") {
		d.LocalConv = 0
	} else if d.LocalConv == 0 {
		d.LocalConv = 4
	}
	if len(ps) == 0 {
		d.Router, d.RouterStats, d.RouterFloor = "", false, false
	} else if d.Router == "" {
		d.Router = "softmax"
	}
	if d.Router == "sigmoid" {
		d.RouterFloor = false
	}
	return d
}

// Validate reports the first field holding a value outside the catalogue.
func (d Design) Validate() error {
	bad := func(field string, v any) error {
		return fmt.Errorf("offline: design: %s %v is not in the catalogue", field, v)
	}
	switch {
	case !slices.Contains(rules, d.Rule):
		return bad("rule", strconv.Quote(d.Rule))
	case !slices.Contains(decays, d.Decay):
		return bad("decay", strconv.Quote(d.Decay))
	case !slices.Contains(featureMaps, d.FeatureMap):
		return bad("feature_map", strconv.Quote(d.FeatureMap))
	case d.Conv != 0 && (d.Conv < 2 || d.Conv > 8):
		return bad("conv", d.Conv)
	case d.Rule == "delta" && !slices.Contains(betas, d.Beta):
		return bad("beta", strconv.Quote(d.Beta))
	case d.Rule != "delta" && d.Beta != "":
		return fmt.Errorf("offline: design: beta applies to the delta rule only, not to %q", d.Rule)
	case !slices.Contains(outGates, d.OutGate):
		return bad("out_gate", strconv.Quote(d.OutGate))
	case !slices.Contains(outNorms, d.OutNorm):
		return bad("out_norm", strconv.Quote(d.OutNorm))
	}
	for i, p := range d.Paths {
		if !slices.Contains(pathNames, p) {
			return bad("paths", strconv.Quote(p))
		}
		if slices.Contains(d.Paths[:i], p) {
			return fmt.Errorf("offline: design: path %q listed twice", p)
		}
	}
	if slices.Contains(d.Paths, "local") && !slices.Contains(localConvs, d.LocalConv) {
		return bad("local_conv", d.LocalConv)
	}
	if len(d.Paths) > 0 && !slices.Contains(routers, d.Router) {
		return bad("router", strconv.Quote(d.Router))
	}
	if len(d.Paths) == 0 && (d.Router != "" || d.RouterStats || d.RouterFloor) {
		return fmt.Errorf("offline: design: a router needs at least one extra path")
	}
	return nil
}

// Key is the design's canonical JSON: equal keys, equal layers.
func (d Design) Key() string {
	b, err := json.Marshal(d.Normalize())
	if err != nil {
		panic("offline: marshal design: " + err.Error()) // a Design always marshals
	}
	return string(b)
}

// ParseDesign decodes and validates a design (JSON, unknown fields refused).
func ParseDesign(raw []byte) (Design, error) {
	var d Design
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return Design{}, fmt.Errorf("offline: decode design: %w", err)
	}
	d = d.Normalize()
	if err := d.Validate(); err != nil {
		return Design{}, err
	}
	return d, nil
}

// JSON returns the normalised design as JSON for agents.Proposal.Design.
func (d Design) JSON() json.RawMessage { return json.RawMessage(d.Key()) }

// A Change is one component choice: a field and its new value, as in
// "out_gate=silu" or "path.local=on". Credit is assigned per Change.
type Change struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

func (c Change) String() string { return c.Field + "=" + c.Value }

// field is one mutable component of a Design.
type field struct {
	name    string
	values  func(Design) []string // the values it may take in d
	get     func(Design) string
	set     func(*Design, string)
	applies func(Design) bool
}

func always(Design) bool     { return true }
func hasPaths(d Design) bool { return len(d.Paths) > 0 }
func itoa(v []int) []string {
	out := make([]string, len(v))
	for i, x := range v {
		out[i] = strconv.Itoa(x)
	}
	return out
}
func onOff(b bool) string { return map[bool]string{true: "on", false: "off"}[b] }
func fixed(v []string) func(Design) []string {
	return func(Design) []string { return v }
}

func pathField(p string) field {
	return field{
		name:   "path." + p,
		values: fixed([]string{"off", "on"}),
		get:    func(d Design) string { return onOff(slices.Contains(d.Paths, p)) },
		set: func(d *Design, v string) {
			d.Paths = slices.DeleteFunc(slices.Clone(d.Paths), func(s string) bool { return s == p })
			if v == "on" {
				d.Paths = append(d.Paths, p)
			}
		},
		applies: always,
	}
}

// fields is the catalogue of components, in a fixed order (determinism).
var fields = []field{
	{name: "rule", values: fixed(rules), get: func(d Design) string { return d.Rule },
		set: func(d *Design, v string) { d.Rule = v }, applies: always},
	{name: "decay", values: fixed(decays), get: func(d Design) string { return d.Decay },
		set: func(d *Design, v string) { d.Decay = v }, applies: always},
	{name: "feature_map", values: fixed(featureMaps), get: func(d Design) string { return d.FeatureMap },
		set: func(d *Design, v string) { d.FeatureMap = v }, applies: always},
	{name: "conv", values: fixed(itoa(convWidths)), get: func(d Design) string { return strconv.Itoa(d.Conv) },
		set: func(d *Design, v string) { d.Conv, _ = strconv.Atoi(v) }, applies: always},
	{name: "beta", values: fixed(betas), get: func(d Design) string { return d.Beta },
		set: func(d *Design, v string) { d.Beta = v }, applies: func(d Design) bool { return d.Rule == "delta" }},
	{name: "out_gate", values: fixed(outGates), get: func(d Design) string { return d.OutGate },
		set: func(d *Design, v string) { d.OutGate = v }, applies: always},
	{name: "out_norm", values: fixed(outNorms), get: func(d Design) string { return d.OutNorm },
		set: func(d *Design, v string) { d.OutNorm = v }, applies: always},
	pathField("local"),
	pathField("identity"),
	pathField("fast_memory"),
	{name: "local_conv", values: fixed(itoa(localConvs)), get: func(d Design) string { return strconv.Itoa(d.LocalConv) },
		set:     func(d *Design, v string) { d.LocalConv, _ = strconv.Atoi(v) },
		applies: func(d Design) bool { return slices.Contains(d.Paths, "local") }},
	{name: "router", values: fixed(routers), get: func(d Design) string { return d.Router },
		set: func(d *Design, v string) { d.Router = v }, applies: hasPaths},
	{name: "router_stats", values: fixed([]string{"off", "on"}), get: func(d Design) string { return onOff(d.RouterStats) },
		set: func(d *Design, v string) { d.RouterStats = v == "on" }, applies: hasPaths},
	{name: "router_floor", values: fixed([]string{"off", "on"}), get: func(d Design) string { return onOff(d.RouterFloor) },
		set:     func(d *Design, v string) { d.RouterFloor = v == "on" },
		applies: func(d Design) bool { return hasPaths(d) && d.Router == "softmax" }},
}

func fieldByName(name string) (field, bool) {
	for _, f := range fields {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

// Apply returns d with the change made and normalised.
func (d Design) Apply(c Change) (Design, error) {
	f, ok := fieldByName(c.Field)
	if !ok {
		return d, fmt.Errorf("offline: unknown component %q", c.Field)
	}
	if !slices.Contains(f.values(d), c.Value) {
		return d, fmt.Errorf("offline: component %s has no value %q", c.Field, c.Value)
	}
	d.Paths = slices.Clone(d.Paths)
	f.set(&d, c.Value)
	return d.Normalize(), nil
}

// Moves lists every single change applicable to d (each leads to a
// different, valid design), in catalogue order.
func (d Design) Moves() []Change {
	d = d.Normalize()
	var out []Change
	for _, f := range fields {
		if !f.applies(d) {
			continue
		}
		cur := f.get(d)
		for _, v := range f.values(d) {
			if v == cur {
				continue
			}
			out = append(out, Change{f.name, v})
		}
	}
	return out
}

// Diff lists the changes that turn a into b, in catalogue order. A field
// that applies to only one of them is implied by another change (a router
// comes with the first extra path) and is not listed.
func Diff(a, b Design) []Change {
	a, b = a.Normalize(), b.Normalize()
	var out []Change
	for _, f := range fields {
		if f.applies(a) && f.applies(b) && f.get(a) != f.get(b) {
			out = append(out, Change{f.name, f.get(b)})
		}
	}
	return out
}

// Describe is a one-line summary of the design, e.g. "delta rule, silu+L2
// q/k, conv 4, β sigmoid, rms norm".
func (d Design) Describe() string {
	d = d.Normalize()
	var parts []string
	rule := d.Rule + " rule"
	if d.Decay != "none" {
		rule += " with " + d.Decay + " decay"
	}
	parts = append(parts, rule, d.FeatureMap+"+L2 q/k")
	if d.Conv > 0 {
		parts = append(parts, fmt.Sprintf("conv %d", d.Conv))
	}
	if d.Beta != "" {
		parts = append(parts, "β "+d.Beta)
	}
	if d.OutGate != "none" {
		parts = append(parts, d.OutGate+" output gate")
	}
	if d.OutNorm != "none" {
		parts = append(parts, d.OutNorm+" norm")
	}
	if len(d.Paths) > 0 {
		r := d.Router + " router"
		if d.RouterStats {
			r = "content-aware " + r
		}
		if d.RouterFloor {
			r += " with a 2% floor"
		}
		ps := strings.Join(d.Paths, ", ")
		if d.LocalConv > 0 {
			ps = strings.Replace(ps, "local", fmt.Sprintf("local (conv %d)", d.LocalConv), 1)
		}
		parts = append(parts, r+" over memory, "+ps)
	}
	return strings.Join(parts, ", ")
}

// RandomDesign draws every component uniformly from the catalogue (each
// extra path with probability 1/2): the space the offline agents search.
func RandomDesign(r *rand.Rand) Design {
	pick := func(v []string) string { return v[r.IntN(len(v))] }
	d := Design{
		Rule: pick(rules), Decay: pick(decays), FeatureMap: pick(featureMaps),
		Conv: convWidths[r.IntN(len(convWidths))], Beta: pick(betas),
		OutGate: pick(outGates), OutNorm: pick(outNorms),
		LocalConv: localConvs[r.IntN(len(localConvs))], Router: pick(routers),
		RouterStats: r.IntN(2) == 1, RouterFloor: r.IntN(2) == 1,
	}
	for _, p := range pathNames {
		if r.IntN(2) == 1 {
			d.Paths = append(d.Paths, p)
		}
	}
	return d.Normalize()
}
