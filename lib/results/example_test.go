package results_test

import (
	"fmt"
	"strings"

	"github.com/archlab/archlab/lib/results"
)

func ExampleParseTree() {
	const tree = `{"total_records": 2, "results": [
	  {"index": 1, "name": "delta_net", "parent": null, "score": 1.64, "name_new": "DeltaNet"},
	  {"index": 2, "name": "delta_net_gate", "parent": 1, "score": "high", "name_new": "GateNet"}]}`
	_, err := results.ParseTree(strings.NewReader(tree), "tree.json")
	fmt.Println(err)
	// Output:
	// results: tree.json: record 2 (index 2): field "score": want a number, got "high"
}

func ExampleHoursMapping() {
	m := results.HoursMapping{PerExperiment: 4, Offset: 49}
	fmt.Println(m)
	fmt.Println(m.Hours(151), m.Hours(1792))
	// Output:
	// GPU-hours = 4 × (experiment index − 49)
	// 408 6972
}
