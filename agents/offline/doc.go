// Package offline is archlab's embedded default team: a deterministic,
// seeded Researcher, Engineer, Analyst and Judge that need no network, so
// the search loop runs on any machine.
//
//	team := offline.NewTeam(offline.Config{}) // Config{Random: true}: the random control
//	p, err := team.Researcher.Propose(ctx, in) // p.Design is an offline.Design, as JSON
//	code, err := team.Engineer.Write(ctx, agents.EngineerInput{Proposal: p})
//	l, err := arch.Parse(p.Name+".go", code.Source)
//	rep, err := arch.Check(ctx, l, arch.CheckConfig{})
//	// a failed check: Write again with &agents.Feedback{Kind: "check", Report: the report as JSON}
//
// # Designs
//
// A Design is a layer as discrete component choices; Render turns it into
// a complete layer source (text/template, then gofmt) that follows lib/arch's
// contract, and every design of the catalogue compiles and passes the arch
// checks (TestRandomDesignsPass). DeltaNet() renders to a layer equal to
// lib/arch/zoo/deltanet.go. The catalogue:
//
//	rule          delta (the delta rule) | linear (linear attention)
//	decay         none | mamba (g = −exp(A)·softplus(W_a x + dt_bias)) | sigmoid (α = σ(W_a x + b))
//	              delta + decay is Gated DeltaNet's rule, linear + decay is Mamba2's SSD scan
//	feature_map   q, k map before their L2 norm: silu (DeltaNet) | elu1 (elu+1) | relu | identity
//	conv          short causal convolution on q, k, v: 0 (off) | 2..8
//	beta          delta rule's write strength: sigmoid | sigmoid2 (2σ, negative eigenvalues as in DeltaProduct) | const (per head)
//	out_gate      none | silu (Gated DeltaNet) | sigmoid
//	out_norm      rms (per head) | none
//	paths         extra paths beside the memory: local (a causal conv of the values, width local_conv 3..31),
//	              identity (the values themselves), fast_memory (a second gated delta memory with a fast decay)
//	router        mixes memory and paths per token and head: softmax | sigmoid;
//	              router_stats adds each path's mean |output| to its logit (content-aware);
//	              router_floor keeps every path at ≥ 2% of a softmax
//
// # ASI-ARCH's families
//
// Read from the motivations of the 106 architectures ASI-ARCH published
// (106.json; counts by keyword over the motivations): 83 add causal
// depthwise-convolution (FIR) paths to the delta memory, 67 an identity or
// direct-value path, 56 a router fed with path statistics, 75 a
// probability floor, 9 a sigmoid blend and 5 an EMA memory beside the
// delta memory. Families() and SeedProposals() map them onto the catalogue:
//
//	content_aware_router     paths local+identity, router_stats, router_floor:
//	                         delta_net_cagf (FusionGate-X), delta_net_cagf_br (GateFlooredResNet, the top score),
//	                         delta_net_cagf_rc_pf (FusionGateX), delta_net_aegf_br (FusionGateBR)
//	multi_scale_conv_router  path local with local_conv 31, identity, router_floor:
//	                         delta_net_ms_hsm_widefloor (ConvFusionWide31), delta_net_triscale (TriScaleFusionNet),
//	                         delta_net_dlgm (DualScaleMemoryRouter)
//	dual_memory_gate         path fast_memory under a sigmoid router:
//	                         delta_net_dyn_gate_mix (DynamicMemGateNet), delta_net_head_gate_ema (AdaptiveTokenGate)
//	head_gated_router        paths local+identity, out_gate sigmoid:
//	                         delta_net_headgated (GatedFusionTransformer), delta_net_pathgated (PathGatedFusionNet)
//	gated_deltanet           decay mamba, out_gate silu: the Gated DeltaNet baseline
//
// # The roles
//
// The Researcher maps its parent to a design (its Design field, the
// "// design:" line of its source, or the closest design by name: ForName),
// then makes one or two changes: a crossover that takes one component from
// the reference with the lowest measured val loss below the parent's, or
// changes drawn with weights from Credit (the mean val-loss delta of each
// component change over the recent experiments and their parents, with
// failures counted against it) and from "keep:"/"avoid:" lines of the
// memos. It skips designs already tried, names the proposal after its
// changes and cites the measured evidence in the motivation. All its
// randomness comes from the input's Seed. With Config.Random it is the
// random control: one uniformly random change, nothing read.
//
// The Engineer renders a proposal's design; on a repair it reads the design
// back from the failing source and changes one component by a ladder chosen
// by the failure (finite: add normalisation, bound β; params, complexity:
// drop paths; anything else: one step back towards DeltaNet), or the one
// written on the line a compile error names. A proposal without a design
// (an LLM's) is ErrNoDesign.
//
// The Analyst writes each memo section from measured deltas; the Judge
// grades from measurements and never reads the motivation.
package offline
