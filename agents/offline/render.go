package offline

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"go/format"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"text/template"
)

//go:embed templates/layer.go.tmpl
var templates embed.FS

var layerTmpl = template.Must(template.New("layer.go.tmpl").
	Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).
	ParseFS(templates, "templates/layer.go.tmpl"))

// renderData is what the layer template reads.
type renderData struct {
	Design
	Name, Describe, Key string
	Gate, Norm          bool
	Local, Identity     bool
	Fast, Routed        bool
	NPaths              int
	PathVars            []string // the router's inputs, memory first
	ConvArg, FloorScale string
	Conved              func(expr, w string) string // wraps expr in the short conv when on
	Feature             func(expr string) string    // applies the q/k feature map
}

// Render returns the complete layer source of d (gofmt-formatted). The
// design is recorded in a "// design: {...}" comment line, which the
// Engineer's repair and the Judge read back with DesignOf.
func Render(name string, d Design) (string, error) {
	d = d.Normalize()
	if err := d.Validate(); err != nil {
		return "", err
	}
	name = strings.Join(strings.Fields(name), " ") // one comment line
	rd := renderData{
		Design: d, Name: name, Describe: d.Describe(), Key: d.Key(),
		Gate: d.OutGate != "none", Norm: d.OutNorm == "rms",
		Local: slices.Contains(d.Paths, "local"), Identity: slices.Contains(d.Paths, "identity"),
		Fast: slices.Contains(d.Paths, "fast_memory"), Routed: len(d.Paths) > 0,
		NPaths:  1 + len(d.Paths),
		ConvArg: strconv.Itoa(d.Conv),
	}
	rd.PathVars = []string{"o"}
	for _, p := range d.Paths {
		rd.PathVars = append(rd.PathVars, map[string]string{"local": "local", "identity": "ident", "fast_memory": "fast"}[p])
	}
	rd.FloorScale = strconv.FormatFloat(1-0.02*float64(rd.NPaths), 'g', -1, 64)
	rd.Conved = func(expr, w string) string {
		if d.Conv == 0 {
			return expr
		}
		return "op.ShortConv(" + expr + ", " + w + ")"
	}
	rd.Feature = func(expr string) string {
		switch d.FeatureMap {
		case "silu":
			return "op.SiLU(" + expr + ")"
		case "elu1":
			return "op.AddConst(op.ELU(" + expr + "), 1)"
		case "relu":
			return "op.ReLU(" + expr + ")"
		}
		return expr
	}
	var buf bytes.Buffer
	if err := layerTmpl.Execute(&buf, rd); err != nil {
		return "", fmt.Errorf("offline: render %s: %w", name, err)
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		// A template bug, not the design's fault: report the raw text.
		return "", fmt.Errorf("offline: render %s: gofmt: %w\n%s", name, err, buf.Bytes())
	}
	return string(src), nil
}

var designLine = regexp.MustCompile(`(?m)^// design: (\{.*\})\s*$`)

// DesignOf reads the design back from a source that Render wrote. ok is
// false when the source carries no design line (an LLM's or a zoo layer).
func DesignOf(src string) (d Design, ok bool, err error) {
	m := designLine.FindStringSubmatch(src)
	if m == nil {
		return Design{}, false, nil
	}
	d, err = ParseDesign([]byte(m[1]))
	if err != nil {
		return Design{}, true, err
	}
	return d, true, nil
}

// designOfCandidate is the candidate's design: its Design field, else the
// design line of its source, else the closest design by name.
func designOfCandidate(name string, raw json.RawMessage, src string) (Design, bool) {
	if len(raw) > 0 {
		if d, err := ParseDesign(raw); err == nil {
			return d, true
		}
	}
	if d, ok, err := DesignOf(src); ok && err == nil {
		return d, true
	}
	d, _ := ForName(name)
	return d, false
}
