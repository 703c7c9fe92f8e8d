package arch

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"sort"
	"strings"

	"github.com/archlab/archlab/gpu"
)

// Fingerprint returns a hash of what the layer computes: the model of
// cfg.Layer.Layers instances traced at every length of cfg.ProbeT (B=2),
// written in a canonical order (a depth-first walk from the output, operands
// in order) as op kinds, attributes, shapes and edges, with parameters by
// shape and init kind (a constant's value, or "random") and never by name.
// Two sources whose traced graphs are the same up to parameter names,
// variable names, comments and statement order have the same fingerprint;
// any change to an op, an attribute, a shape, an edge or an init gives
// another. Random inits are one kind: Normal(0.02) and LinearInit hash
// alike. Behaviour at lengths outside cfg.ProbeT is not seen.
func Fingerprint(ctx context.Context, l *Layer, cfg CheckConfig) (string, error) {
	cfg = cfg.withDefaults()
	h := sha256.New()
	fmt.Fprintf(h, "archlab fingerprint v1 %+v\n", cfg.Layer)
	for _, T := range cfg.ProbeT {
		tr, err := trace(ctx, l, cfg, 2, T, false)
		if err != nil {
			return "", fmt.Errorf("arch: fingerprint at T=%d: %w", T, err)
		}
		if err := writeGraph(h, tr, cfg); err != nil {
			return "", fmt.Errorf("arch: fingerprint at T=%d: %w", T, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeGraph writes tr's graph under y in canonical order.
func writeGraph(h hash.Hash, tr *traced, cfg CheckConfig) error {
	ids := map[*gpu.Node]int{}
	var order, consts []*gpu.Node
	var walk func(n *gpu.Node)
	walk = func(n *gpu.Node) {
		if _, ok := ids[n]; ok {
			return
		}
		for _, x := range n.Inputs() {
			walk(x)
		}
		ids[n] = len(ids)
		order = append(order, n)
		if n.Op() == "const" {
			consts = append(consts, n)
		}
	}
	walk(tr.y)
	// Parameter inits come from a fresh parameter set, constants from the
	// compiled program.
	prog, err := gpu.Compile(tr.g, nil, cfg.Backend, &gpu.Options{NoGrad: true, Outputs: append([]*gpu.Node{tr.y}, consts...), Seed: 1})
	if err != nil {
		return err
	}
	prog.Forward()
	ps := prog.Params()
	for _, n := range order {
		var b strings.Builder
		fmt.Fprintf(&b, "%d %s %v %v", ids[n], n.Op(), n.Shape(), n.DType())
		switch n.Op() {
		case "param":
			if p := ps.Get(n.Name()); p != nil {
				b.WriteString(" " + initKind(p.Value.Data))
			}
		case "input", "tokens":
			b.WriteString(" " + n.Name())
		case "const":
			sum := sha256.New()
			for _, v := range prog.Value(n).Data {
				binary.Write(sum, binary.LittleEndian, math.Float32bits(v))
			}
			fmt.Fprintf(&b, " %x", sum.Sum(nil)[:8])
		default:
			fmt.Fprintf(&b, " %+v", n.Attr())
		}
		for _, x := range n.Inputs() {
			fmt.Fprintf(&b, " <%d", ids[x])
		}
		b.WriteByte('\n')
		h.Write([]byte(b.String()))
	}
	// Parameters no output reads still count: by shape and init, sorted.
	var unused []string
	for _, p := range tr.g.Params() {
		if _, ok := ids[p]; !ok {
			kind := "?"
			if q := ps.Get(p.Name()); q != nil {
				kind = initKind(q.Value.Data)
			}
			unused = append(unused, fmt.Sprintf("unused param %v %s", p.Shape(), kind))
		}
	}
	sort.Strings(unused)
	for _, u := range unused {
		fmt.Fprintln(h, u)
	}
	return nil
}

// initKind is "const V" when every value is V, else "random".
func initKind(data []float32) string {
	for _, v := range data[1:] {
		if v != data[0] {
			return "random"
		}
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], math.Float32bits(data[0]))
	return fmt.Sprintf("const %g (%x)", data[0], b)
}
