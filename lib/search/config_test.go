package search

import (
	"strings"
	"testing"
)

func TestParseConfigErrorsNameTheKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"seeds": 0, "sede": 1}`, `unknown field "sede"`},
		{`{"selector": "best"}`, "selector"},
		{`{"pool": {"band": 2}}`, "pool.band"},
		{`{"stage1": {"preset": "huge"}}`, "stage1.preset"},
		{`{"threads": -1}`, "threads"},
		{`{"fitness": {"scale": -1}}`, "fitness.scale"},
		{`{"stage1": {"spec": {"stepz": 3}}}`, `unknown field "stepz"`},
		{`{"seed": "one"}`, "seed"},
		{`{} {}`, "trailing data"},
	}
	for _, tc := range tests {
		_, err := ParseConfig([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseConfig(%s) = %v, want an error naming %q", tc.in, err, tc.want)
		}
	}
}

func TestParseConfigDefaultsAndOverrides(t *testing.T) {
	c, err := ParseConfig([]byte(`{"seed": 7, "stage1": {"preset": "test", "spec": {"steps": 5}}, "threads": 2}`))
	if err != nil {
		t.Fatal(err)
	}
	if c.Seed != 7 || c.Selector != "asi" || c.LLM != "offline" || c.Pool.Capacity != 16 {
		t.Errorf("config = %+v", c)
	}
	s := c.StageSpec(1)
	if s.Steps != 5 || s.Threads != 2 || s.Preset != "tiny" || s.D != 32 {
		t.Errorf("stage 1 spec = %+v, want the test preset with steps 5 and threads 2", s)
	}
	if s2 := c.StageSpec(2); s2.Seeds != 3 || s2.Preset == "" {
		t.Errorf("stage 2 spec = %+v", s2)
	}
}
