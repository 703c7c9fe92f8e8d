package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/png"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Markdown is text shown as rendered Markdown (text/markdown).
type Markdown string

// Bundle implements Renderer.
func (m Markdown) Bundle() Bundle { return two(MIMEMarkdown, string(m), string(m)) }

// HTML is text shown as HTML (text/html).
type HTML string

// Bundle implements Renderer.
func (h HTML) Bundle() Bundle { return two(MIMEHTML, string(h), string(h)) }

// LaTeX is a LaTeX formula or fragment (text/latex), e.g. `$x^2$`.
type LaTeX string

// Bundle implements Renderer.
func (l LaTeX) Bundle() Bundle { return two(MIMELaTeX, string(l), string(l)) }

// JSONValue shows V as an application/json tree.
type JSONValue struct{ V any }

// JSON returns a value shown as application/json.
func JSON(v any) JSONValue { return JSONValue{V: v} }

// Bundle implements Renderer. A V that encoding/json cannot marshal is
// shown as its error in text/plain.
func (j JSONValue) Bundle() Bundle {
	raw, err := json.Marshal(j.V)
	if err != nil {
		return Text(fmt.Sprintf("display: json: %v", err))
	}
	var tree any
	_ = json.Unmarshal(raw, &tree) // raw came from Marshal: always valid
	pretty, _ := json.MarshalIndent(j.V, "", "  ")
	return two(MIMEJSON, tree, string(pretty))
}

// Size is the size of rendered plots, e.g. Size{16 * vg.Centimeter, 10 * vg.Centimeter}.
type Size struct{ W, H vg.Length }

// PlotSize is the size Of uses for *plot.Plot.
var PlotSize = Size{W: 16 * vg.Centimeter, H: 10 * vg.Centimeter}

// MaxTableRows bounds the rows of a DataFrame's HTML table; the rest is
// summarised in one line.
const MaxTableRows = 50

func two(mime string, v any, text string) Bundle {
	return Bundle{Data: map[string]any{mime: v, MIMEText: text}, Metadata: map[string]any{}}
}

// PNG encodes img as an image/png bundle.
func PNG(img image.Image) (Bundle, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return Bundle{}, fmt.Errorf("display: png: %w", err)
	}
	b := img.Bounds()
	return Bundle{
		Data: map[string]any{
			MIMEPNG:  base64.StdEncoding.EncodeToString(buf.Bytes()),
			MIMEText: fmt.Sprintf("<image %dx%d>", b.Dx(), b.Dy()),
		},
		Metadata: map[string]any{MIMEPNG: map[string]any{"width": b.Dx(), "height": b.Dy()}},
	}, nil
}

// Plot renders p as PNG and SVG at size s.
func Plot(p *plot.Plot, s Size) (Bundle, error) {
	out := Bundle{Data: map[string]any{}, Metadata: map[string]any{}}
	for _, f := range []string{"png", "svg"} {
		w, err := p.WriterTo(s.W, s.H, f)
		if err != nil {
			return Bundle{}, fmt.Errorf("display: plot %s: %w", f, err)
		}
		var buf bytes.Buffer
		if _, err := w.WriteTo(&buf); err != nil {
			return Bundle{}, fmt.Errorf("display: plot %s: %w", f, err)
		}
		if f == "png" {
			out.Data[MIMEPNG] = base64.StdEncoding.EncodeToString(buf.Bytes())
		} else {
			out.Data[MIMESVG] = buf.String()
		}
	}
	title := p.Title.Text
	if title == "" {
		title = "plot"
	}
	out.Data[MIMEText] = fmt.Sprintf("<%s>", title)
	return out, nil
}

// DataFrame renders df as an HTML table (at most MaxTableRows rows) and
// as gota's own text table.
func DataFrame(df dataframe.DataFrame) Bundle {
	if df.Err != nil {
		return Text(fmt.Sprintf("DataFrame error: %v", df.Err))
	}
	var sb strings.Builder
	nrow, ncol := df.Dims()
	sb.WriteString(`<table class="dataframe"><thead><tr><th></th>`)
	for _, n := range df.Names() {
		sb.WriteString("<th>" + html.EscapeString(n) + "</th>")
	}
	sb.WriteString("</tr><tr><th></th>")
	for _, t := range df.Types() {
		sb.WriteString("<td><i>" + html.EscapeString(string(t)) + "</i></td>")
	}
	sb.WriteString("</tr></thead><tbody>")
	cols := make([]series.Series, ncol)
	for j := range cols {
		cols[j] = df.Col(df.Names()[j])
	}
	shown := min(nrow, MaxTableRows)
	for i := 0; i < shown; i++ {
		fmt.Fprintf(&sb, "<tr><th>%d</th>", i)
		for j := range cols {
			sb.WriteString("<td>" + html.EscapeString(cols[j].Elem(i).String()) + "</td>")
		}
		sb.WriteString("</tr>")
	}
	sb.WriteString("</tbody></table>")
	if shown < nrow {
		fmt.Fprintf(&sb, "<p>… %d more rows</p>", nrow-shown)
	}
	fmt.Fprintf(&sb, "<p>%d rows × %d columns</p>", nrow, ncol)
	return two(MIMEHTML, sb.String(), df.String())
}

// Of returns the bundle that shows v: its own Bundle for a Renderer (or
// a Bundle value), PNG for image.Image, PNG+SVG for *plot.Plot, an HTML
// table for gota DataFrames, and text/plain (fmt's %v) otherwise. ok is
// false for a nil v, whose result is not shown.
func Of(v any) (b Bundle, ok bool) {
	switch x := v.(type) {
	case nil:
		return Bundle{}, false
	case Bundle:
		return x, true
	case *Bundle:
		if x == nil {
			return Bundle{}, false
		}
		return *x, true
	case Renderer:
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return Text("<nil>"), true
		}
		return x.Bundle(), true
	case *plot.Plot:
		if x == nil {
			return Text("<nil>"), true
		}
		b, err := Plot(x, PlotSize)
		if err != nil {
			return Text(err.Error()), true
		}
		return b, true
	case dataframe.DataFrame:
		return DataFrame(x), true
	case *dataframe.DataFrame:
		if x == nil {
			return Text("<nil>"), true
		}
		return DataFrame(*x), true
	case series.Series:
		return Text(x.String()), true
	case image.Image:
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return Text("<nil>"), true
		}
		b, err := PNG(x)
		if err != nil {
			return Text(err.Error()), true
		}
		return b, true
	case mat.Matrix:
		if rv := reflect.ValueOf(x); rv.Kind() == reflect.Pointer && rv.IsNil() {
			return Text("<nil>"), true
		}
		r, c := x.Dims()
		return Text(fmt.Sprintf("%d×%d\n%v", r, c, mat.Formatted(x, mat.Squeeze(), mat.Excerpt(8)))), true
	case error:
		return Text(x.Error()), true
	}
	return Text(clip(fmt.Sprintf("%v", v))), true
}

// MaxText bounds the text/plain rendering of a plain value; longer text
// is cut with a note saying how much was left out.
const MaxText = 64 << 10

func clip(s string) string {
	if len(s) <= MaxText {
		return s
	}
	cut := MaxText
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + fmt.Sprintf("\n… (%d more bytes)", len(s)-cut)
}
