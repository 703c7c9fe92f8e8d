package train

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/archlab/archlab/gpu"
	_ "github.com/archlab/archlab/gpu/backends" // "cpu", "cuda" by name
	"github.com/archlab/archlab/lib/arch"
	"github.com/archlab/archlab/lib/arch/op"
	"github.com/archlab/archlab/lib/data"
)

// Run's phases: resolve the Config into a Spec; read and check the layer;
// read the data (data.go); train each seed (loop.go), checkpointing
// (checkpoint.go); write the records (records.go) through a Records.

// job is what every seed of a run shares: the layer, the data, the
// backend and where the records go.
type job struct {
	r       *resolved
	layer   *arch.Layer
	ds      *data.Dataset // LM data, or nil
	val     []data.Batch  // LM validation batches
	unigram float64
	backend gpu.Backend
	records Records
	t0      time.Time
}

// layerSource returns the text of a layer: "zoo:NAME" or a path to a .go
// file.
func layerSource(spec string) (name, src string, err error) {
	if n, ok := strings.CutPrefix(spec, "zoo:"); ok {
		src, err := arch.ZooSource(n)
		if err != nil {
			return "", "", err
		}
		return n, src, nil
	}
	b, err := os.ReadFile(spec)
	if err != nil {
		return "", "", fmt.Errorf("train: read layer: %w", err)
	}
	return filepath.Base(spec), string(b), nil
}

// deviceHint is what to do when a device does not open.
const deviceHint = "train on the CPU with --device cpu (Config.Backend \"cpu\"), or see `archlab doctor` for what the CUDA backend needs"

// LoadLayer reads a layer: "zoo:NAME" or a path to a .go file.
func LoadLayer(spec string) (*arch.Layer, error) {
	name, src, err := layerSource(spec)
	if err != nil {
		return nil, err
	}
	return arch.Parse(name, src)
}

// SourceHash returns the hex SHA-256 of a layer source, as Spec.SourceHash.
func SourceHash(src string) string {
	h := sha256.Sum256([]byte(src))
	return hex.EncodeToString(h[:])
}

// checkConfig is the shape arch.Check measures a layer at before
// training: the run's width and heads when the width is at most 128 (the
// tiny and small presets, where the check costs about a second), else
// arch's default (D 64, 4 heads): causality, batch independence,
// finiteness and the complexity exponent do not depend on the width, and a
// check at D 256–1024 would cost more than the screen it guards.
func checkConfig(r *resolved, b gpu.Backend) arch.CheckConfig {
	c := arch.CheckConfig{Backend: b}
	if r.D <= 128 {
		c.Layer = op.Config{D: r.D, Heads: r.Heads, HeadDim: r.D / r.Heads, ConvSize: 4, Layers: 1}
	}
	return c
}

// Run trains the configured layer in the skeleton, once per seed, and
// returns the result record (also stored through the Records: result.json
// under Out). A bad configuration is an error with no result; so is
// Resume into a folder that does not exist. A run that starts and fails (a
// broken source, a layer that fails arch.Check, a NaN) returns a Result
// with status "failed", its Reason and the same error. Resuming a run
// whose stored result is complete (status ok, every step, the same spec)
// returns that result and writes nothing.
func Run(ctx context.Context, c Config) (*Result, error) {
	t0, cpu0 := time.Now(), processCPU()
	r, err := c.resolve()
	if err != nil {
		return nil, err
	}
	name, src := r.Arch, c.Source
	if src == "" {
		if name, src, err = layerSource(r.Arch); err != nil {
			return nil, err
		}
	}
	r.SourceHash = SourceHash(src)
	// The device is part of the configuration: one that cannot run here
	// (cuda without its library) is an error before anything is written.
	backend, choice, err := gpu.Resolve(r.Backend, gpu.OpenOptions{Threads: r.Threads})
	if err != nil {
		return nil, fmt.Errorf("train: %w; %s", err, deviceHint)
	}
	defer gpu.Close(backend)
	r.log.Info("train: device", "device", choice.Device, "reason", choice.Reason)
	r.Backend, r.Threads = choice.Device, backend.Threads()
	if c.Out != "" {
		if c.Resume {
			if _, err := os.Stat(c.Out); errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("train: resume: %s does not exist", c.Out)
			}
		}
		if err := os.MkdirAll(c.Out, 0o755); err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
	}
	j := &job{r: r, records: c.Records, t0: t0, backend: backend}
	if j.records == nil {
		j.records = noRecords{}
		if c.Out != "" {
			fr := &FileRecords{Dir: c.Out}
			defer fr.Close()
			j.records = fr
		}
	}
	if c.Resume {
		stored, err := j.records.Stored()
		if err != nil {
			return nil, fmt.Errorf("train: resume: %w", err)
		}
		if stored != nil && stored.Status == StatusOK && stored.Steps == r.Steps && sameRun(stored.Spec, r.Spec, true) == "" {
			r.log.Info("train: resume: the run is complete; returning its result", "out", c.Out)
			return stored, nil
		}
	} else if fr, ok := j.records.(*FileRecords); ok {
		if err := fr.Reset(); err != nil {
			return nil, err
		}
	}
	res := &Result{Spec: r.Spec, Arch: r.Arch, Preset: r.Preset, Task: r.Task, SourceHash: r.SourceHash, Scores: map[string]float64{}}
	fail := func(err error) (*Result, error) {
		res.Status, res.Reason, res.Error = StatusFailed, reasonOf(err), err.Error()
		if res.Reason == ReasonCancelled {
			res.Status = StatusCancelled
		}
		res.WallS, res.CPUS = time.Since(t0).Seconds(), processCPU()-cpu0
		if werr := j.records.Result(res); werr != nil {
			r.log.Error("train: result", "err", werr)
		}
		return res, err
	}
	if j.layer, err = arch.Parse(name, src); err != nil {
		return fail(err)
	}
	res.Spec = r.Spec
	res.Device = fmt.Sprintf("%s (threads: %d)", j.backend.Name(), j.backend.Threads())
	if !c.Unchecked {
		rep, err := arch.Check(ctx, j.layer, checkConfig(r, j.backend))
		if err != nil {
			return fail(fmt.Errorf("train: check: %w", err))
		}
		if !rep.OK {
			var failed []string
			for _, v := range rep.Failed() {
				failed = append(failed, v.Name+" ("+v.Reason+")")
			}
			return fail(fmt.Errorf("%w: %s; set Unchecked (--unchecked) to train it anyway", ErrCheckFailed, strings.Join(failed, "; ")))
		}
	}
	if err := j.loadData(ctx); err != nil {
		return fail(withReason(ReasonData, err))
	}
	res.UnigramLoss = j.unigram
	var firstErr error
	for i := range r.Seeds {
		seed := r.Seed + uint64(i)
		sr, err := j.runSeed(ctx, seed, res)
		res.Seeds = append(res.Seeds, sr)
		res.DeviceS += sr.DeviceS
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	first := res.Seeds[0]
	res.Seed, res.Status, res.Reason, res.Error = first.Seed, first.Status, first.Reason, first.Error
	res.Steps, res.FinalLoss, res.ValLoss, res.Scores, res.Bench = first.Steps, first.FinalLoss, first.ValLoss, first.Scores, first.Bench
	res.Tokens = r.tokensAt(first.Steps)
	if first.Status == StatusOK {
		res.Tokens += r.separateTokens()
	}
	for _, s := range res.Seeds {
		if s.Status == StatusFailed || s.Status == StatusCancelled {
			res.Status, res.Reason, res.Error = s.Status, s.Reason, s.Error
		}
	}
	if len(res.Seeds) > 1 {
		res.Spread = spread(res.Seeds)
	} else {
		res.Seeds = nil
	}
	res.WallS, res.CPUS = time.Since(t0).Seconds(), processCPU()-cpu0
	if err := j.records.Result(res); err != nil && firstErr == nil {
		firstErr = err
	}
	return res, firstErr
}
