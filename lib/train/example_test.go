package train_test

import (
	"encoding/json"
	"fmt"

	"github.com/archlab/archlab/lib/train"
)

// A Spec is data: the loop stores it as JSON, and Resolve fills what the
// run will really have.
func ExampleCPUScreen() {
	s := train.CPUScreen()
	s.Arch = "zoo:deltanet"
	b, _ := json.Marshal(s)
	var stored train.Spec
	json.Unmarshal(b, &stored)
	r, err := stored.Config(train.Hooks{}).Resolve()
	if err != nil {
		panic(err)
	}
	fmt.Println(r.D, r.Layers, r.Heads, r.Vocab, r.Tokenizer, r.Steps, r.Tokens, r.Suite, r.Sched)
	// Output: 64 2 2 256 byte 1200 6553600 [mqar-t64-kv8] wsd
}
