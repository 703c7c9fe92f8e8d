package cognition_test

import (
	"fmt"

	"github.com/archlab/archlab/lib/cognition"
)

func ExampleBase_Search() {
	reply := []byte(`{
	  "DESIGN_INSIGHT": "### DESIGN_INSIGHT_1: [Gate the delta rule's state with a data-dependent decay]",
	  "EXPERIMENTAL_TRIGGER_PATTERNS": "**Task_Performance_Signatures**: better recall under long contexts",
	  "BACKGROUND": "**Title**: Gated Delta Networks: Improving Mamba2 with Delta Rule",
	  "ALGORITHMIC_INNOVATION": "**Core_Algorithm**: S_t = α_t S_{t-1} + β_t (v_t − α_t S_{t-1} k_t) k_tᵀ",
	  "IMPLEMENTATION_GUIDANCE": "**Integration_Strategy**: replace the DeltaNet update"
	}`)
	e, err := cognition.ParseEntry(reply) // an LLM's answer to cognition.AddPaperPrompt(paperText)
	if err != nil {
		panic(err)
	}
	b, err := cognition.New(e)
	if err != nil {
		panic(err)
	}
	for _, s := range cognition.Snippets(b.Search("delta rule gating", 3)) {
		fmt.Printf("%s %s\n", s.ID, s.Title)
	}
	// Output:
	// entry#1 Gated Delta Networks: Improving Mamba2 with Delta Rule: Gate the delta rule's state with a data-dependent decay
}
