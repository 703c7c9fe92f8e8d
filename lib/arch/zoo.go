package arch

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"
)

// The zoo's sources are ordinary Go files in zoo/, kept out of the Go build
// by a "//go:build ignore" line (gofmt and editors still see them) and
// embedded here.
//
//go:embed zoo/*.go
var zooFS embed.FS

// ZooNames returns the names of the reference layers, sorted: the
// classics "deltanet", "gated_deltanet", "hybrid_router",
// "linear_attention", "linear_attention_conv", "mamba2",
// "softmax_attention" (no positional signal) and "softmax_attention_rope"
// (the fair Transformer reference), and the ports of ASI-ARCH's five best
// layers by their 340M benchmark average, "asi_mor", "asi_cagf_hybrid",
// "asi_psfr", "asi_htfr" and "asi_entropy_cagf".
func ZooNames() []string {
	ents, err := zooFS.ReadDir("zoo")
	if err != nil {
		panic("arch: zoo missing from the binary: " + err.Error())
	}
	var names []string
	for _, e := range ents {
		names = append(names, strings.TrimSuffix(e.Name(), ".go"))
	}
	sort.Strings(names)
	return names
}

// ZooSource returns the source of the named reference layer.
func ZooSource(name string) (string, error) {
	b, err := zooFS.ReadFile(path.Join("zoo", name+".go"))
	if err != nil {
		return "", fmt.Errorf("arch: no zoo layer %q (have %s)", name, strings.Join(ZooNames(), ", "))
	}
	return string(b), nil
}

// Zoo parses the named reference layer.
func Zoo(name string) (*Layer, error) {
	src, err := ZooSource(name)
	if err != nil {
		return nil, err
	}
	return Parse("zoo:"+name, src)
}

// Contract is the source contract as a compact Markdown text for an LLM's
// prompt: the rules, the op API, a complete example and what the checks
// measure. TestContractExample keeps its example compiling and passing.
//
//go:embed contract.md
var Contract string
