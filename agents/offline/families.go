package offline

import (
	"fmt"
	"strings"

	"github.com/archlab/archlab/agents"
)

// Family is a group of ASI-ARCH winners and the catalogue design closest
// to what they share. Winners are names from ASI-ARCH's 106.json, with the
// display name in parentheses.
type Family struct {
	Name    string   // e.g. "content_aware_router"
	Design  Design   // the closest catalogue design
	Winners []string // e.g. "delta_net_cagf_br (GateFlooredResNet)"
	Why     string   // what the family adds to DeltaNet, in one sentence
}

// Families lists the ASI-ARCH families the catalogue covers, to seed a
// search's pool (see SeedProposals). The mapping is approximate: the
// winners' FIR branches are depthwise convolutions of several widths, and
// their fusion gates are small MLPs; the catalogue keeps one local width
// and a linear router.
func Families() []Family {
	gated := GatedDeltaNet()

	content := HybridRouter()
	content.RouterStats, content.RouterFloor = true, true

	wide := HybridRouter()
	wide.LocalConv, wide.RouterFloor = 31, true

	dual := DeltaNet()
	dual.Paths, dual.Router = []string{"fast_memory"}, "sigmoid"

	headGated := HybridRouter()
	headGated.OutGate = "sigmoid"

	return []Family{
		{Name: "gated_deltanet", Design: gated,
			Winners: nil,
			Why:     "a data-dependent decay and a SiLU output gate (Gated DeltaNet, the strongest published baseline)"},
		{Name: "content_aware_router", Design: content,
			Winners: []string{"delta_net_cagf (FusionGate-X)", "delta_net_cagf_br (GateFlooredResNet)", "delta_net_cagf_rc_pf (FusionGateX)", "delta_net_aegf_br (FusionGateBR)"},
			Why:     "a per-head router that sees each path's output statistics, with a probability floor so no path starves"},
		{Name: "multi_scale_conv_router", Design: wide,
			Winners: []string{"delta_net_ms_hsm_widefloor (ConvFusionWide31)", "delta_net_triscale (TriScaleFusionNet)", "delta_net_dlgm (DualScaleMemoryRouter)"},
			Why:     "a wide causal convolution path (up to 31 taps) beside the delta memory and the value, under a floored softmax router"},
		{Name: "dual_memory_gate", Design: dual,
			Winners: []string{"delta_net_dyn_gate_mix (DynamicMemGateNet)", "delta_net_head_gate_ema (AdaptiveTokenGate)"},
			Why:     "two memories of different time scales blended per token and head by a sigmoid gate (the winners pair the delta memory with an EMA)"},
		{Name: "head_gated_router", Design: headGated,
			Winners: []string{"delta_net_headgated (GatedFusionTransformer)", "delta_net_pathgated (PathGatedFusionNet)"},
			Why:     "a routed hybrid with a per-head sigmoid output gate that can suppress or pass each head"},
	}
}

// SeedProposals returns one proposal per family, for a search to train
// before its first mutation (the loop's initial pool).
func SeedProposals() []agents.Proposal {
	var out []agents.Proposal
	for _, f := range Families() {
		m := fmt.Sprintf("Seed from the %s family: %s.", strings.ReplaceAll(f.Name, "_", " "), f.Why)
		if len(f.Winners) > 0 {
			m += " ASI-ARCH winners of this family: " + strings.Join(f.Winners, ", ") + "."
		}
		out = append(out, agents.Proposal{Name: f.Name, Motivation: m, Design: f.Design.JSON(), Notes: "design: " + f.Design.Describe()})
	}
	return out
}
