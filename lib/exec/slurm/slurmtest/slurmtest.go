// Package slurmtest finds a running Slurm for tests, or skips them:
//
//	func TestOnSlurm(t *testing.T) {
//		slurmtest.Require(t) // skips with one line when no cluster answers
//		...
//	}
//
// install/slurm.sh start brings up the single-node test cluster; its
// config is found without SLURM_CONF being exported.
package slurmtest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Conf returns the slurm.conf of install/slurm.sh's cluster when it has
// written one ($ARCHLAB_SLURM_DIR or /tmp/archlab-slurm), or "".
func Conf() string {
	dir := os.Getenv("ARCHLAB_SLURM_DIR")
	if dir == "" {
		dir = "/tmp/archlab-slurm"
	}
	p := filepath.Join(dir, "slurm.conf")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// Require skips t unless the Slurm commands are installed and a
// controller answers sinfo with a usable node. When SLURM_CONF is unset it
// points it at Conf() for the rest of the test process. The answer is
// asked once per process: a down controller costs one sinfo timeout.
func Require(t testing.TB) {
	t.Helper()
	once.Do(func() { skip = probe() })
	if skip != "" {
		t.Skip(skip)
	}
}

var (
	once sync.Once
	skip string // why the Slurm tests skip, "" : they run
)

func probe() string {
	for _, cmd := range []string{"sbatch", "squeue", "scancel", "sinfo", "scontrol"} {
		if _, err := exec.LookPath(cmd); err != nil {
			return fmt.Sprintf("slurm: %s not installed (install/slurm.sh install && install/slurm.sh start to run this test)", cmd)
		}
	}
	if os.Getenv("SLURM_CONF") == "" {
		if c := Conf(); c != "" {
			os.Setenv("SLURM_CONF", c) // for the whole test process: t.Setenv would forbid t.Parallel
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "sinfo", "--noheader", "--format=%T").CombinedOutput()
	states := strings.Fields(string(out))
	if err != nil || len(states) == 0 {
		msg := strings.TrimSpace(string(out))
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = msg[i+1:]
		}
		if ctx.Err() != nil {
			msg = "no answer in 8 s"
		}
		return fmt.Sprintf("slurm: no controller answers sinfo (install/slurm.sh start to run this test): %s", msg)
	}
	for _, s := range states {
		if strings.HasPrefix(s, "idle") || strings.HasPrefix(s, "mixed") || strings.HasPrefix(s, "alloc") {
			return ""
		}
	}
	return fmt.Sprintf("slurm: no node is up (sinfo says %s); install/slurm.sh start", strings.Join(states, " "))
}

// CancelUnder scancels, when t ends, every job Slurm still holds whose
// working directory is in dir, so a failed test leaves nothing queued.
func CancelUnder(t testing.TB, dir string) {
	t.Helper()
	t.Cleanup(func() {
		if once.Do(func() { skip = probe() }); skip != "" { // no cluster: nothing was submitted
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		b, err := exec.CommandContext(ctx, "squeue", "--json").Output()
		if err != nil {
			return
		}
		var doc struct {
			Jobs []struct {
				ID  int64  `json:"job_id"`
				Dir string `json:"current_working_directory"`
			} `json:"jobs"`
		}
		if json.Unmarshal(b, &doc) != nil {
			return
		}
		var ids []string
		for _, j := range doc.Jobs {
			if strings.HasPrefix(filepath.Clean(j.Dir)+"/", filepath.Clean(dir)+"/") {
				ids = append(ids, strconv.FormatInt(j.ID, 10))
			}
		}
		if len(ids) > 0 {
			exec.CommandContext(ctx, "scancel", ids...).Run() // ended jobs are ignored
		}
	})
}
