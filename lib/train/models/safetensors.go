package models

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
)

// STensor is one tensor of a safetensors file: F32 data in F, I32 in I.
type STensor struct {
	Shape []int
	F     []float32
	I     []int32
}

// Safetensors is a parsed safetensors file.
type Safetensors struct {
	Meta    map[string]string
	Tensors map[string]*STensor
}

// ReadSafetensors reads a safetensors file (8-byte little-endian header
// length, JSON header, little-endian data) holding F32 and I32 tensors.
func ReadSafetensors(path string) (*Safetensors, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("models: read %q: %w", path, err)
	}
	if len(b) < 8 {
		return nil, fmt.Errorf("models: %q: too short for safetensors", path)
	}
	n := binary.LittleEndian.Uint64(b)
	if n > uint64(len(b)-8) {
		return nil, fmt.Errorf("models: %q: header length %d beyond the file", path, n)
	}
	var hdr map[string]json.RawMessage
	if err := json.Unmarshal(b[8:8+n], &hdr); err != nil {
		return nil, fmt.Errorf("models: %q: header: %w", path, err)
	}
	data := b[8+n:]
	st := &Safetensors{Meta: map[string]string{}, Tensors: map[string]*STensor{}}
	for name, raw := range hdr {
		if name == "__metadata__" {
			if err := json.Unmarshal(raw, &st.Meta); err != nil {
				return nil, fmt.Errorf("models: %q: metadata: %w", path, err)
			}
			continue
		}
		var e struct {
			DType   string `json:"dtype"`
			Shape   []int  `json:"shape"`
			Offsets [2]int `json:"data_offsets"`
		}
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("models: %q: tensor %q: %w", path, name, err)
		}
		cnt := 1
		for _, d := range e.Shape {
			cnt *= d
		}
		lo, hi := e.Offsets[0], e.Offsets[1]
		if lo < 0 || hi > len(data) || hi-lo != 4*cnt {
			return nil, fmt.Errorf("models: %q: tensor %q: offsets %v do not fit shape %v", path, name, e.Offsets, e.Shape)
		}
		t := &STensor{Shape: e.Shape}
		switch e.DType {
		case "F32":
			t.F = make([]float32, cnt)
			for i := range t.F {
				t.F[i] = math.Float32frombits(binary.LittleEndian.Uint32(data[lo+4*i:]))
			}
		case "I32":
			t.I = make([]int32, cnt)
			for i := range t.I {
				t.I[i] = int32(binary.LittleEndian.Uint32(data[lo+4*i:]))
			}
		default:
			return nil, fmt.Errorf("models: %q: tensor %q: dtype %s not supported", path, name, e.DType)
		}
		st.Tensors[name] = t
	}
	return st, nil
}

// FromTorch converts a PyTorch parameter of deltanet.py to this package's
// layout: nn.Linear (out,in) is transposed to (in,out), Conv1d (C,1,K)
// becomes (C,K), everything else is unchanged.
func FromTorch(name string, t *STensor) []float32 {
	switch {
	case len(t.Shape) == 2 && isLinear(name):
		out, in := t.Shape[0], t.Shape[1]
		r := make([]float32, len(t.F))
		for o := range out {
			for i := range in {
				r[i*out+o] = t.F[o*in+i]
			}
		}
		return r
	default:
		return append([]float32(nil), t.F...)
	}
}

// TorchName maps a parameter name of this package to deltanet.py's
// state_dict name.
func TorchName(name string) string {
	if isLinear(name) || isConv(name) || name == "emb" {
		return name + ".weight"
	}
	return name
}

func isLinear(name string) bool {
	for _, s := range []string{"q_proj", "k_proj", "v_proj", "b_proj", "o_proj", "w1", "w2", "head"} {
		if hasSuffix(name, s) {
			return true
		}
	}
	return false
}

func isConv(name string) bool {
	return hasSuffix(name, "q_conv") || hasSuffix(name, "k_conv") || hasSuffix(name, "v_conv")
}

func hasSuffix(name, s string) bool {
	return name == s || len(name) > len(s) && name[len(name)-len(s)-1:] == "."+s
}
