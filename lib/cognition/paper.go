package cognition

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"text/template"
)

//go:embed prompts/add_paper.tmpl
var prompts embed.FS

var addPaperTmpl = template.Must(template.ParseFS(prompts, "prompts/add_paper.tmpl"))

// fieldWants says what each field holds, for the prompt.
var fieldWants = []string{
	`"### DESIGN_INSIGHT_1: [the insight in one line]" then, optionally, a short paragraph`,
	`"**Task_Performance_Signatures**: ..." (which benchmarks move and how) and "**Architectural_Symptoms**: ..." (training-loss and behaviour signs that the insight applies)`,
	`"**Title**: the paper's title" then "**Historical Technical Context**: ...", "**Technical Limitations**: ...", "**Paper Concepts**: ..." and "**Experimental Context**: ..."`,
	`"**Core_Algorithm**: ...", "**Key_Mechanism**: ...", "**Mathematical_Formulation**: ..." (LaTeX in $$) and "**Computational_Properties**: ..." (cost in time and memory, parallelism)`,
	`"**Integration_Strategy**: ...", "**Parameter_Settings**: ...", "**Application_Conditions**: ..." and "**Expected_Outcomes**: ..."`,
}

// exampleEntry is a short entry in the published format, shown to the LLM.
var exampleEntry = Entry{
	DesignInsight:               "### DESIGN_INSIGHT_1: [Linear Attention via Kernel Feature Maps]",
	ExperimentalTriggerPatterns: "**Task_Performance_Signatures**: Similar loss to softmax attention on short contexts with far higher throughput on long ones; slightly lower lambada_openai.\n**Architectural_Symptoms**: Memory grows linearly in sequence length; training loss converges smoothly.",
	Background:                  "**Title**: Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention\n\n**Historical Technical Context**: Softmax attention costs O(N²) time and memory.\n\n**Technical Limitations**: Long sequences do not fit.\n\n**Paper Concepts**: feature map φ, associativity of matrix products.\n\n**Experimental Context**: Image generation and speech recognition.",
	AlgorithmicInnovation:       "**Core_Algorithm**: Replace softmax(QKᵀ)V by φ(Q)(φ(K)ᵀV) with φ(x) = elu(x)+1.\n**Key_Mechanism**: Associativity turns attention into a recurrence over a d×d state.\n**Mathematical_Formulation**: $$o_t = \\frac{φ(q_t)^T S_t}{φ(q_t)^T z_t},\\ S_t = S_{t-1} + φ(k_t) v_t^T$$\n**Computational_Properties**: O(N d²) time, O(d²) state.",
	ImplementationGuidance:      "**Integration_Strategy**: Swap the attention module; keep the rest of the block.\n**Parameter_Settings**: φ must be positive.\n**Application_Conditions**: Long sequences, autoregressive decoding.\n**Expected_Outcomes**: Constant memory per decoding step.",
}

// AddPaperPrompt renders the prompt that asks an LLM to distil a paper's
// text into one entry in the published format; ParseEntry reads the reply.
func AddPaperPrompt(text string) string {
	type field struct{ Name, Want string }
	var fs []field
	for i, n := range fieldNames {
		fs = append(fs, field{n, fieldWants[i]})
	}
	ex, err := json.MarshalIndent(exampleEntry, "", "  ")
	if err != nil {
		panic("cognition: marshal the example entry: " + err.Error()) // a fixed value
	}
	var buf bytes.Buffer
	if err := addPaperTmpl.Execute(&buf, map[string]any{"Fields": fs, "Example": string(ex), "Text": strings.TrimSpace(text)}); err != nil {
		panic("cognition: render add_paper.tmpl: " + err.Error()) // the template is embedded and tested
	}
	return buf.String()
}

// ParseEntry reads an LLM's reply to AddPaperPrompt: one JSON object (a
// code fence or text around it is tolerated) with the five fields, each a
// non-empty string. The error names the field at fault.
func ParseEntry(reply []byte) (Entry, error) {
	s := string(reply)
	i, j := strings.Index(s, "{"), strings.LastIndex(s, "}")
	if i < 0 || j < i {
		return Entry{}, fmt.Errorf("cognition: parse entry: no JSON object in the reply")
	}
	e, err := decodeEntry(json.RawMessage(s[i : j+1]))
	if err != nil {
		return Entry{}, fmt.Errorf("cognition: parse entry: %w", err)
	}
	return e, nil
}
