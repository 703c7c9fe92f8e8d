package train

import (
	"encoding/json"
	"testing"
)

// TestStageSpecs: both stage specs resolve, survive JSON, and plan the
// tokens their comments say.
func TestStageSpecs(t *testing.T) {
	tests := []struct {
		name   string
		spec   Spec
		tokens int64
	}{
		{"cpu-screen", CPUScreen(), 6_553_600},
		{"cpu-verify", CPUVerify(), 17_203_200},
	}
	for _, tc := range tests {
		s := tc.spec
		s.Arch = "zoo:deltanet"
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Spec
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		r, err := back.Config(Hooks{}).Resolve()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if r.Tokens != tc.tokens || r.Threads != 1 || r.Vocab != 256 {
			t.Errorf("%s: %d tokens (want %d), threads %d, vocab %d", tc.name, r.Tokens, tc.tokens, r.Threads, r.Vocab)
		}
	}
}
