package gpu

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// savedTinyLM returns a tiny model's parameter set and optimiser after one
// step, and its checkpoint bytes.
func savedTinyLM(t *testing.T) (*ParamSet, *AdamW, []byte) {
	t.Helper()
	g, loss := tinyLM(2, 5, 7, 8)
	prog, err := Compile(g, loss, Reference(), &Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	opt := NewAdamW(prog.Params(), DefaultAdamW())
	prog.SetTokens("ids", make([]int32, 10))
	prog.SetTokens("targets", make([]int32, 10))
	if _, err := prog.TrainStep(0, opt, 1e-3); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := SaveCheckpoint(&buf, prog.Params(), opt, 3, map[string]string{"k": "v"}); err != nil {
		t.Fatal(err)
	}
	return prog.Params(), opt, buf.Bytes()
}

func freshTinyLM(t *testing.T) (*ParamSet, *AdamW) {
	t.Helper()
	g, loss := tinyLM(2, 5, 7, 8)
	prog, err := Compile(g, loss, Reference(), &Options{Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	return prog.Params(), NewAdamW(prog.Params(), DefaultAdamW())
}

// dataOffset returns where tensor i's data starts in a version-2 file.
func dataOffset(t *testing.T, raw []byte, i int) int {
	t.Helper()
	hlen := int(binary.LittleEndian.Uint32(raw[16:]))
	var h ckptHeader
	if err := json.Unmarshal(raw[20:20+hlen], &h); err != nil {
		t.Fatal(err)
	}
	off := 20 + hlen + 4
	for _, tn := range h.Tensors[:i] {
		off += 4 * numel(tn.Shape)
	}
	return off
}

// TestCheckpointDamage: every kind of damage is refused with an error that
// names what is wrong, and the model is left as it was.
func TestCheckpointDamage(t *testing.T) {
	_, _, raw := savedTinyLM(t)
	hlen := int(binary.LittleEndian.Uint32(raw[16:]))
	tests := []struct {
		name   string
		damage func(b []byte) []byte
		want   string
	}{
		{"flipped data byte", func(b []byte) []byte { b[dataOffset(t, b, 0)+5] ^= 0x10; return b }, `param "emb" fails its CRC-32C`},
		{"sign-flipped tensor", func(b []byte) []byte {
			// tensor 1 is emb's adam_m; flip the sign of every value
			lo, hi := dataOffset(t, b, 1), dataOffset(t, b, 2)
			for i := lo + 3; i < hi; i += 4 {
				b[i] ^= 0x80
			}
			return b
		}, `adam_m "emb" fails its CRC-32C`},
		{"flipped header byte", func(b []byte) []byte { b[20+hlen/2] ^= 0x01; return b }, "header fails its CRC-32C"},
		{"truncated", func(b []byte) []byte { return b[:len(b)-7] }, "unexpected EOF"},
		{"bad magic", func(b []byte) []byte { b[0] = 'X'; return b }, "bad magic"},
		{"future version", func(b []byte) []byte { b[12] = 9; return b }, "version 9"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps, opt := freshTinyLM(t)
			before := append([]float32(nil), ps.Get("emb").Value.Data...)
			bad := tc.damage(append([]byte(nil), raw...))
			_, err := LoadCheckpoint(bytes.NewReader(bad), ps, opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v, want %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "gpu: ") {
				t.Errorf("err %q lacks the package prefix", err)
			}
			for i, v := range ps.Get("emb").Value.Data {
				if v != before[i] {
					t.Fatalf("a refused checkpoint changed emb[%d]", i)
				}
			}
			if opt.Steps() != 0 {
				t.Fatal("a refused checkpoint changed the optimiser")
			}
		})
	}
}

// TestCheckpointFileNamesFile: errors from a file name it, and the write
// is atomic (no temporary left beside it).
func TestCheckpointFileNamesFile(t *testing.T) {
	ps0, opt0, _ := savedTinyLM(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "ck.bin")
	if err := SaveCheckpointFile(path, ps0, opt0, 5, map[string]string{"spec": "{}"}); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Fatalf("files left: %v", ents)
	}
	ps, opt := freshTinyLM(t)
	ck, err := LoadCheckpointFile(path, ps, opt)
	if err != nil || ck.Step != 5 || !ck.Verified || ck.Version != CheckpointVersion || ck.Meta["spec"] != "{}" {
		t.Fatalf("ck %+v err %v", ck, err)
	}
	f, _ := os.Open(path)
	info, err := ReadCheckpointInfo(f)
	f.Close()
	if err != nil || info.Step != 5 || info.Meta["spec"] != "{}" {
		t.Fatalf("info %+v err %v", info, err)
	}
	raw, _ := os.ReadFile(path)
	raw[len(raw)-1] ^= 0x80 // the sign of the last value of the last tensor
	os.WriteFile(path, raw, 0o644)
	_, err = LoadCheckpointFile(path, ps, opt)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "fails its CRC-32C") {
		t.Fatalf("err %v: want the file and the checksum", err)
	}
}

// TestCheckpointVersion1: files of the first format (no checksums) still
// load, marked unverified.
func TestCheckpointVersion1(t *testing.T) {
	ps0, _, _ := savedTinyLM(t)
	h := ckptHeader{Step: 7}
	var data []byte
	for _, p := range ps0.List() {
		h.Tensors = append(h.Tensors, ckptTensor{Name: p.Name, Kind: "param", Shape: p.Value.Shape})
		data = tensorBytes(data, p.Value.Data)
	}
	hj, _ := json.Marshal(h)
	raw := []byte(ckptMagic)
	raw = binary.LittleEndian.AppendUint32(raw, 1)
	raw = binary.LittleEndian.AppendUint32(raw, uint32(len(hj)))
	raw = append(append(raw, hj...), data...)
	ps, _ := freshTinyLM(t)
	ck, err := LoadCheckpoint(bytes.NewReader(raw), ps, nil)
	if err != nil || ck.Step != 7 || ck.Verified || ck.Version != 1 {
		t.Fatalf("ck %+v err %v", ck, err)
	}
	for _, p := range ps0.List() {
		q := ps.Get(p.Name)
		for i := range p.Value.Data {
			if math.Float32bits(p.Value.Data[i]) != math.Float32bits(q.Value.Data[i]) {
				t.Fatalf("%s[%d] differs", p.Name, i)
			}
		}
	}
}
