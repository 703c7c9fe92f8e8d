package search

import (
	"strings"
	"testing"
)

func TestParseConfigExecutor(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"executor": "pbs"}`, "executor"},
		{`{"executor": "slurm", "slurm": {"gpus": -1}}`, "slurm.gpus"},
		{`{"executor": "slurm", "slurm": {"partitio": "gpu"}}`, `unknown field "partitio"`},
		{`{"executor": "slurm", "slurm": {"extra": ["--output=x"]}}`, "slurm.extra"},
	} {
		if _, err := ParseConfig([]byte(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseConfig(%s) = %v, want an error naming %q", tc.in, err, tc.want)
		}
	}
	c, err := ParseConfig([]byte(`{"executor": "slurm", "slurm": {"partition": "gpu", "gpus": 1, "requeue": 2}}`))
	if err != nil || c.Executor != "slurm" || c.Slurm.Partition != "gpu" || c.Slurm.GPUs != 1 || c.Slurm.Requeue != 2 {
		t.Errorf("ParseConfig = %+v, %v", c, err)
	}
	if d := Defaults(); d.Executor != "local" {
		t.Errorf("default executor %q, want local", d.Executor)
	}
}
