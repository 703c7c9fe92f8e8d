package gpu

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
)

// CheckpointVersion is the version written by SaveCheckpoint.
//
// Format, version 1 (all integers little-endian):
//
//	magic   12 bytes "ARCHLABCKPT\n"
//	version uint32 (1)
//	hlen    uint32, length of the JSON header
//	header  JSON: {"step": N, "adam_steps": K, "meta": {...},
//	              "tensors": [{"name": "layer0.wq", "kind": "param", "shape": [128, 128]}, ...]}
//	data    for each tensor in header order, prod(shape) float32 values
//
// kind is "param" (the value), "adam_m" or "adam_v" (AdamW moments;
// absent when saved without an optimiser). Readers reject other versions.
const CheckpointVersion = 1

const ckptMagic = "ARCHLABCKPT\n"

type ckptHeader struct {
	Step      int               `json:"step"`
	AdamSteps int               `json:"adam_steps"`
	Meta      map[string]string `json:"meta,omitempty"`
	Tensors   []ckptTensor      `json:"tensors"`
}

type ckptTensor struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Shape []int  `json:"shape"`
}

// Checkpoint is what LoadCheckpoint read besides the tensors.
type Checkpoint struct {
	Step int               // training step at save time
	Meta map[string]string // free-form (model preset, data seed, ...)
}

// SaveCheckpoint writes ps (and opt's moments when opt is non-nil) at
// step to w.
func SaveCheckpoint(w io.Writer, ps *ParamSet, opt *AdamW, step int, meta map[string]string) error {
	h := ckptHeader{Step: step, Meta: meta}
	var data [][]float32
	for _, p := range ps.list {
		h.Tensors = append(h.Tensors, ckptTensor{p.Name, "param", p.Value.Shape})
		data = append(data, p.Value.Data)
		if opt != nil {
			if m, ok := opt.m[p.Name]; ok {
				h.Tensors = append(h.Tensors, ckptTensor{p.Name, "adam_m", p.Value.Shape}, ckptTensor{p.Name, "adam_v", p.Value.Shape})
				data = append(data, m, opt.v[p.Name])
			}
		}
	}
	if opt != nil {
		h.AdamSteps = opt.steps
	}
	hj, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("gpu: checkpoint header: %w", err)
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(ckptMagic)
	var u [4]byte
	binary.LittleEndian.PutUint32(u[:], CheckpointVersion)
	bw.Write(u[:])
	binary.LittleEndian.PutUint32(u[:], uint32(len(hj)))
	bw.Write(u[:])
	bw.Write(hj)
	for _, d := range data {
		for _, v := range d {
			binary.LittleEndian.PutUint32(u[:], math.Float32bits(v))
			bw.Write(u[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gpu: write checkpoint: %w", err)
	}
	return nil
}

// LoadCheckpoint reads a checkpoint into ps (every parameter of ps must
// be present with the same shape) and, when opt is non-nil, the AdamW
// moments. A wrong magic, version or shape is an error naming it.
func LoadCheckpoint(r io.Reader, ps *ParamSet, opt *AdamW) (*Checkpoint, error) {
	br := bufio.NewReader(r)
	var magic [12]byte
	if _, err := io.ReadFull(br, magic[:]); err != nil || string(magic[:]) != ckptMagic {
		return nil, errors.New("gpu: not an archlab checkpoint (bad magic)")
	}
	var u [4]byte
	if _, err := io.ReadFull(br, u[:]); err != nil {
		return nil, fmt.Errorf("gpu: read checkpoint: %w", err)
	}
	if v := binary.LittleEndian.Uint32(u[:]); v != CheckpointVersion {
		return nil, fmt.Errorf("gpu: checkpoint version %d, this build reads version %d", v, CheckpointVersion)
	}
	if _, err := io.ReadFull(br, u[:]); err != nil {
		return nil, fmt.Errorf("gpu: read checkpoint: %w", err)
	}
	hj := make([]byte, binary.LittleEndian.Uint32(u[:]))
	if _, err := io.ReadFull(br, hj); err != nil {
		return nil, fmt.Errorf("gpu: read checkpoint header: %w", err)
	}
	var h ckptHeader
	if err := json.Unmarshal(hj, &h); err != nil {
		return nil, fmt.Errorf("gpu: checkpoint header: %w", err)
	}
	// Validate everything before touching ps.
	seen := map[string]bool{}
	for _, t := range h.Tensors {
		p := ps.Get(t.Name)
		if p == nil {
			return nil, fmt.Errorf("gpu: checkpoint has %s %q, the model does not", t.Kind, t.Name)
		}
		if !sameShape(p.Value.Shape, t.Shape) {
			return nil, fmt.Errorf("gpu: checkpoint %s %q has shape %v, the model %v", t.Kind, t.Name, t.Shape, p.Value.Shape)
		}
		if t.Kind == "param" {
			seen[t.Name] = true
		}
	}
	for _, p := range ps.list {
		if !seen[p.Name] {
			return nil, fmt.Errorf("gpu: checkpoint lacks parameter %q", p.Name)
		}
	}
	buf := make([]byte, 0, 1<<16)
	for _, t := range h.Tensors {
		n := numel(t.Shape)
		dst := make([]float32, n)
		for read := 0; read < n; {
			k := min(n-read, 1<<14)
			buf = buf[:4*k]
			if _, err := io.ReadFull(br, buf); err != nil {
				return nil, fmt.Errorf("gpu: checkpoint data of %q: %w", t.Name, err)
			}
			for i := range k {
				dst[read+i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*i:]))
			}
			read += k
		}
		p := ps.Get(t.Name)
		switch t.Kind {
		case "param":
			copy(p.Value.Data, dst)
		case "adam_m":
			if opt != nil {
				opt.m[t.Name] = dst
			}
		case "adam_v":
			if opt != nil {
				opt.v[t.Name] = dst
			}
		default:
			return nil, fmt.Errorf("gpu: checkpoint tensor %q of unknown kind %q", t.Name, t.Kind)
		}
	}
	if opt != nil {
		opt.steps = h.AdamSteps
	}
	return &Checkpoint{Step: h.Step, Meta: h.Meta}, nil
}
