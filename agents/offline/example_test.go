package offline_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/archlab/archlab/agents"
	"github.com/archlab/archlab/agents/offline"
)

// The offline team proposes a change to DeltaNet and renders it as a layer
// source.
func ExampleNewTeam() {
	ctx := context.Background()
	team := offline.NewTeam(offline.Config{})
	parent := agents.Candidate{ID: 1, Name: "deltanet", Design: offline.DeltaNet().JSON(),
		Result: agents.Measured{Status: "done", ValLoss: 1.46}}
	p, err := team.Researcher.Propose(ctx, agents.ResearchInput{Seed: 7, Parent: parent, Baseline: parent})
	if err != nil {
		panic(err)
	}
	code, err := team.Engineer.Write(ctx, agents.EngineerInput{Proposal: p})
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Name)
	fmt.Println(p.Motivation)
	fmt.Println(strings.SplitN(code.Source, "\n", 2)[0])
	// Output:
	// delta_conv7_relu_qk
	// Start from deltanet (its design; val loss 1.460) and change conv=7 and feature_map=relu. conv=7 is untested here: the convolution width sets how far the local receptive field reaches. feature_map=relu is untested here: the q/k feature map shapes which keys interfere in the memory.
	// // delta_conv7_relu_qk: delta rule, relu+L2 q/k, conv 7, β sigmoid, rms norm
}

// The Engineer repairs a design from the checks' verdict: a non-finite
// layer gets its output norm back.
func ExampleRepair() {
	d := offline.DeltaNet()
	d.OutNorm = "none"
	fb := agents.Feedback{Kind: "check", Report: []byte(`{"checks":[{"name":"finite","ok":false,"reason":"NaN in the backward pass"}]}`)}
	fixed, change, err := offline.Repair(d, fb, "")
	if err != nil {
		panic(err)
	}
	fmt.Println(change, fixed.Key() == offline.DeltaNet().Key())
	// Output: out_norm=rms true
}
