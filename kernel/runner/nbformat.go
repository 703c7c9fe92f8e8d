package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Notebook is an nbformat 4 notebook. Cells are kept as generic JSON
// objects so fields this package does not know survive a round trip.
type Notebook struct {
	Cells         []Cell         `json:"cells"`
	Metadata      map[string]any `json:"metadata"`
	NBFormat      int            `json:"nbformat"`
	NBFormatMinor int            `json:"nbformat_minor"`
}

// Cell is one notebook cell as a JSON object ("cell_type", "source",
// "metadata", "outputs", "execution_count", ...).
type Cell map[string]any

// Type returns the cell_type ("code", "markdown", "raw").
func (c Cell) Type() string { s, _ := c["cell_type"].(string); return s }

// Source returns the cell's source joined into one string (nbformat
// allows a string or a list of lines).
func (c Cell) Source() string {
	switch s := c["source"].(type) {
	case string:
		return s
	case []any:
		var b strings.Builder
		for _, l := range s {
			if t, ok := l.(string); ok {
				b.WriteString(t)
			}
		}
		return b.String()
	}
	return ""
}

// Tags returns metadata.tags.
func (c Cell) Tags() []string {
	md, _ := c["metadata"].(map[string]any)
	raw, _ := md["tags"].([]any)
	var out []string
	for _, t := range raw {
		if s, ok := t.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// HasTag reports whether the cell carries tag.
func (c Cell) HasTag(tag string) bool {
	for _, t := range c.Tags() {
		if t == tag {
			return true
		}
	}
	return false
}

// splitLines renders text as nbformat's list of lines.
func splitLines(s string) []any {
	if s == "" {
		return []any{}
	}
	parts := strings.SplitAfter(s, "\n")
	out := make([]any, 0, len(parts))
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// NewCodeCell returns a code cell holding src.
func NewCodeCell(src string, tags ...string) Cell {
	md := map[string]any{}
	if len(tags) > 0 {
		t := make([]any, len(tags))
		for i, s := range tags {
			t[i] = s
		}
		md["tags"] = t
	}
	return Cell{"cell_type": "code", "source": splitLines(src), "metadata": md, "outputs": []any{}, "execution_count": nil}
}

// Read parses an .ipynb file.
func Read(path string) (*Notebook, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("runner: %w", err)
	}
	return Parse(b)
}

// Parse decodes nbformat 4 JSON.
func Parse(b []byte) (*Notebook, error) {
	var nb Notebook
	if err := json.Unmarshal(b, &nb); err != nil {
		return nil, fmt.Errorf("runner: parse notebook: %w", err)
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("runner: nbformat %d not supported (want 4)", nb.NBFormat)
	}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	return &nb, nil
}

// Marshal encodes the notebook as Jupyter writes it: keys sorted, one
// space of indent, HTML and non-ASCII text as is (no \u003c escapes), a
// final newline.
func (nb *Notebook) Marshal() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(nb); err != nil {
		return nil, fmt.Errorf("runner: encode notebook: %w", err)
	}
	return b.Bytes(), nil
}

// Write writes the notebook to path, creating its folder as nbconvert does.
// It writes a temporary file beside path and renames it into place, so a
// crash or a full disk never leaves a half-written notebook where an older
// good one stood.
func (nb *Notebook) Write(path string) error {
	b, err := nb.Marshal()
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("runner: %w", err)
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("runner: %w", err)
	}
	tmp := f.Name()
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(tmp, 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmp, path)
	}
	if werr != nil {
		os.Remove(tmp)
		return fmt.Errorf("runner: write %s: %w", path, werr)
	}
	return nil
}

// KernelSpec is the metadata a notebook run by archlab carries.
var KernelSpec = map[string]any{
	"kernelspec":    map[string]any{"name": "archlab", "display_name": "Go (archlab)", "language": "go"},
	"language_info": map[string]any{"name": "go", "file_extension": ".go", "mimetype": "text/x-go"},
}
