package display_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/png"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/archlab/archlab/kernel/display"
)

func mimes(b display.Bundle) string {
	var m []string
	for k := range b.Data {
		m = append(m, k)
	}
	sort.Strings(m)
	return strings.Join(m, " ")
}

func TestOf(t *testing.T) {
	p := plot.New()
	l, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 2}})
	if err != nil {
		t.Fatal(err)
	}
	p.Add(l)
	df := dataframe.New(series.New([]int{1, 2}, series.Int, "n"))
	var nilPlot *plot.Plot
	for _, tc := range []struct {
		name  string
		v     any
		mimes string
		ok    bool
	}{
		{"nil", nil, "", false},
		{"int", 3, "text/plain", true},
		{"markdown", display.Markdown("*a*"), "text/markdown text/plain", true},
		{"html", display.HTML("<b>"), "text/html text/plain", true},
		{"latex", display.LaTeX("$x$"), "text/latex text/plain", true},
		{"json", display.JSON([]int{1}), "application/json text/plain", true},
		{"bundle", display.Text("t"), "text/plain", true},
		{"image", image.NewGray(image.Rect(0, 0, 2, 2)), "image/png text/plain", true},
		{"plot", p, "image/png image/svg+xml text/plain", true},
		{"nil plot", nilPlot, "text/plain", true},
		{"dataframe", df, "text/html text/plain", true},
		{"dataframe pointer", &df, "text/html text/plain", true},
		{"matrix", mat.NewDense(1, 2, []float64{1, 2}), "text/plain", true},
		{"error", errors.New("e"), "text/plain", true},
	} {
		b, ok := display.Of(tc.v)
		if ok != tc.ok || mimes(b) != tc.mimes {
			t.Errorf("%s: Of = %q, %v; want %q, %v", tc.name, mimes(b), ok, tc.mimes, tc.ok)
		}
	}
}

func TestPNGDecodes(t *testing.T) {
	b, err := display.PNG(image.NewRGBA(image.Rect(0, 0, 5, 3)))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base64.StdEncoding.DecodeString(b.Data[display.MIMEPNG].(string))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(strings.NewReader(string(raw)))
	if err != nil || img.Bounds().Dx() != 5 {
		t.Fatalf("decoded %v, %v", img, err)
	}
}

func TestDataFrameRowsBounded(t *testing.T) {
	n := make([]int, display.MaxTableRows+5)
	b := display.DataFrame(dataframe.New(series.New(n, series.Int, "n")))
	html := b.Data[display.MIMEHTML].(string)
	if got := strings.Count(html, "<tr><th>") - 2; got != display.MaxTableRows { // 2 header rows
		t.Errorf("%d rows shown, want %d", got, display.MaxTableRows)
	}
	if !strings.Contains(html, "5 more rows") {
		t.Error("no summary of the hidden rows")
	}
}

func ExampleOf() {
	b, _ := display.Of(display.Markdown("**bold**"))
	fmt.Println(b.Data["text/markdown"])
	df := dataframe.New(series.New([]string{"a"}, series.String, "col"))
	b, _ = display.Of(df)
	fmt.Println(strings.HasPrefix(b.Data["text/html"].(string), "<table"))
	// Output:
	// **bold**
	// true
}

func TestLongValueClipped(t *testing.T) {
	b, _ := display.Of(strings.Repeat("é", display.MaxText))
	s := b.Data[display.MIMEText].(string)
	if len(s) > display.MaxText+64 || !strings.HasSuffix(s, "more bytes)") || !utf8.ValidString(s) {
		t.Errorf("clipped value: %d bytes, ends %q", len(s), s[len(s)-30:])
	}
}
