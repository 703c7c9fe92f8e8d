package gpu

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"os"
	"path/filepath"
)

// CheckpointVersion is the version written by SaveCheckpoint.
//
// Format, version 2 (all integers little-endian):
//
//	magic   12 bytes "ARCHLABCKPT\n"
//	version uint32 (2)
//	hlen    uint32, length of the JSON header
//	header  JSON: {"step": N, "adam_steps": K, "meta": {...},
//	              "tensors": [{"name": "layer0.wq", "kind": "param", "shape": [128, 128], "crc32c": 123}, ...]}
//	hcrc    uint32, CRC-32C (Castagnoli) of the header bytes
//	data    for each tensor in header order, prod(shape) float32 values
//
// kind is "param" (the value), "adam_m" or "adam_v" (AdamW moments;
// absent when saved without an optimiser); crc32c is the CRC-32C of the
// tensor's data bytes as stored. LoadCheckpoint verifies both checksums
// before it touches the model, so a flipped byte or a sign-flipped tensor
// is an error naming the tensor. Version 1 (the same without hcrc and
// crc32c) is still read, unverified (Checkpoint.Verified is false); other
// versions are refused.
const CheckpointVersion = 2

const ckptMagic = "ARCHLABCKPT\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

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
	CRC   uint32 `json:"crc32c"`
}

// Checkpoint is what a checkpoint holds besides the tensors.
type Checkpoint struct {
	Step     int               // training step at save time
	Meta     map[string]string // free-form (model preset, data seed, ...)
	Version  int               // format version of the file
	Verified bool              // the checksums were checked (version ≥ 2)
}

// tensorBytes appends d's little-endian bytes to buf.
func tensorBytes(buf []byte, d []float32) []byte {
	for _, v := range d {
		buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(v))
	}
	return buf
}

// SaveCheckpoint writes ps (and opt's moments when opt is non-nil) at
// step to w, in format CheckpointVersion.
func SaveCheckpoint(w io.Writer, ps *ParamSet, opt *AdamW, step int, meta map[string]string) error {
	h := ckptHeader{Step: step, Meta: meta}
	var data [][]byte
	add := func(name, kind string, shape []int, d []float32) {
		b := tensorBytes(make([]byte, 0, 4*len(d)), d)
		h.Tensors = append(h.Tensors, ckptTensor{Name: name, Kind: kind, Shape: shape, CRC: crc32.Checksum(b, castagnoli)})
		data = append(data, b)
	}
	for _, p := range ps.list {
		add(p.Name, "param", p.Value.Shape, p.Value.Data)
		if opt != nil {
			if m, ok := opt.m[p.Name]; ok {
				add(p.Name, "adam_m", p.Value.Shape, m)
				add(p.Name, "adam_v", p.Value.Shape, opt.v[p.Name])
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
	binary.LittleEndian.PutUint32(u[:], crc32.Checksum(hj, castagnoli))
	bw.Write(u[:])
	for _, d := range data {
		bw.Write(d)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gpu: write checkpoint: %w", err)
	}
	return nil
}

// SaveCheckpointFile writes the checkpoint to path atomically: a
// temporary file beside it, synced, then renamed, so a crash never leaves
// half a checkpoint under path.
func SaveCheckpointFile(path string, ps *ParamSet, opt *AdamW, step int, meta map[string]string) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("gpu: checkpoint: %w", err)
	}
	tmp := f.Name()
	err = SaveCheckpoint(f, ps, opt, step, meta)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("gpu: checkpoint %s: %w", path, err)
	}
	return nil
}

// readHeader reads the magic, version and header (verifying the header's
// checksum in version 2).
func readHeader(br *bufio.Reader) (*ckptHeader, int, error) {
	var magic [12]byte
	if _, err := io.ReadFull(br, magic[:]); err != nil || string(magic[:]) != ckptMagic {
		return nil, 0, errors.New("not an archlab checkpoint (bad magic)")
	}
	var u [4]byte
	if _, err := io.ReadFull(br, u[:]); err != nil {
		return nil, 0, fmt.Errorf("read: %w", err)
	}
	v := int(binary.LittleEndian.Uint32(u[:]))
	if v != 1 && v != CheckpointVersion {
		return nil, v, fmt.Errorf("checkpoint version %d, this build reads versions 1 and %d", v, CheckpointVersion)
	}
	if _, err := io.ReadFull(br, u[:]); err != nil {
		return nil, v, fmt.Errorf("read: %w", err)
	}
	n := binary.LittleEndian.Uint32(u[:])
	if n > 1<<28 {
		return nil, v, fmt.Errorf("header of %d bytes: the file is damaged", n)
	}
	hj := make([]byte, n)
	if _, err := io.ReadFull(br, hj); err != nil {
		return nil, v, fmt.Errorf("read header: %w", err)
	}
	if v >= 2 {
		if _, err := io.ReadFull(br, u[:]); err != nil {
			return nil, v, fmt.Errorf("read header checksum: %w", err)
		}
		if want, got := binary.LittleEndian.Uint32(u[:]), crc32.Checksum(hj, castagnoli); want != got {
			return nil, v, fmt.Errorf("header fails its CRC-32C (stored %08x, computed %08x): the file is damaged", want, got)
		}
	}
	var h ckptHeader
	if err := json.Unmarshal(hj, &h); err != nil {
		return nil, v, fmt.Errorf("header: %w", err)
	}
	return &h, v, nil
}

// ReadCheckpointInfo reads a checkpoint's step and metadata without its
// tensors (for deciding whether to resume from it).
func ReadCheckpointInfo(r io.Reader) (*Checkpoint, error) {
	h, v, err := readHeader(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("gpu: %w", err)
	}
	return &Checkpoint{Step: h.Step, Meta: h.Meta, Version: v, Verified: false}, nil
}

// LoadCheckpoint reads a checkpoint into ps (every parameter of ps must
// be present with the same shape) and, when opt is non-nil, the AdamW
// moments. A wrong magic, version or shape, or a tensor that fails its
// checksum, is an error naming it; ps and opt are untouched then.
func LoadCheckpoint(r io.Reader, ps *ParamSet, opt *AdamW) (*Checkpoint, error) {
	ck, err := load(r, ps, opt)
	if err != nil {
		return nil, fmt.Errorf("gpu: %w", err)
	}
	return ck, nil
}

// LoadCheckpointFile is LoadCheckpoint from the file at path; its errors
// name the file.
func LoadCheckpointFile(path string, ps *ParamSet, opt *AdamW) (*Checkpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gpu: checkpoint: %w", err)
	}
	defer f.Close()
	ck, err := load(f, ps, opt)
	if err != nil {
		return nil, fmt.Errorf("gpu: checkpoint %s: %w", path, err)
	}
	return ck, nil
}

func load(r io.Reader, ps *ParamSet, opt *AdamW) (*Checkpoint, error) {
	br := bufio.NewReader(r)
	h, version, err := readHeader(br)
	if err != nil {
		return nil, err
	}
	// Validate names and shapes before reading any data.
	seen := map[string]bool{}
	for _, t := range h.Tensors {
		p := ps.Get(t.Name)
		if p == nil {
			return nil, fmt.Errorf("checkpoint has %s %q, the model does not", t.Kind, t.Name)
		}
		if !sameShape(p.Value.Shape, t.Shape) {
			return nil, fmt.Errorf("checkpoint %s %q has shape %v, the model %v", t.Kind, t.Name, t.Shape, p.Value.Shape)
		}
		switch t.Kind {
		case "param":
			seen[t.Name] = true
		case "adam_m", "adam_v":
		default:
			return nil, fmt.Errorf("checkpoint tensor %q of unknown kind %q", t.Name, t.Kind)
		}
	}
	for _, p := range ps.list {
		if !seen[p.Name] {
			return nil, fmt.Errorf("checkpoint lacks parameter %q", p.Name)
		}
	}
	// Read and verify every tensor, then apply: a damaged file leaves the
	// model as it was.
	vals := make([][]float32, len(h.Tensors))
	var buf []byte
	for i, t := range h.Tensors {
		n := numel(t.Shape)
		if cap(buf) < 4*n {
			buf = make([]byte, 4*n)
		}
		buf = buf[:4*n]
		if _, err := io.ReadFull(br, buf); err != nil {
			return nil, fmt.Errorf("data of %s %q: %w", t.Kind, t.Name, err)
		}
		if version >= 2 {
			if got := crc32.Checksum(buf, castagnoli); got != t.CRC {
				return nil, fmt.Errorf("%s %q fails its CRC-32C (stored %08x, computed %08x): the file is damaged", t.Kind, t.Name, t.CRC, got)
			}
		}
		dst := make([]float32, n)
		for j := range dst {
			dst[j] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*j:]))
		}
		vals[i] = dst
	}
	for i, t := range h.Tensors {
		switch t.Kind {
		case "param":
			copy(ps.Get(t.Name).Value.Data, vals[i])
		case "adam_m":
			if opt != nil {
				opt.m[t.Name] = vals[i]
			}
		case "adam_v":
			if opt != nil {
				opt.v[t.Name] = vals[i]
			}
		}
	}
	if opt != nil {
		opt.steps = h.AdamSteps
	}
	return &Checkpoint{Step: h.Step, Meta: h.Meta, Version: version, Verified: version >= 2}, nil
}
