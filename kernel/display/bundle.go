package display

// MIME types used in bundles.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMELaTeX    = "text/latex"
	MIMEJSON     = "application/json"
	MIMEPNG      = "image/png"
	MIMESVG      = "image/svg+xml"
)

// Bundle is one Jupyter MIME bundle: the "data" and "metadata" fields of
// execute_result, display_data and update_display_data messages.
//
// Data is keyed by MIME type. Text types (text/plain, text/html, image/svg+xml,
// ...) hold a string; image/png holds the base64-encoded PNG as a string (as
// nbformat and the wire protocol want it); application/json holds any value
// that encoding/json can marshal.
type Bundle struct {
	Data     map[string]any `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

// Renderer is implemented by values that know their own MIME bundle. A cell
// whose last expression is a Renderer shows that bundle as its result.
type Renderer interface {
	Bundle() Bundle
}

// Text returns a bundle holding only text/plain.
func Text(s string) Bundle {
	return Bundle{Data: map[string]any{MIMEText: s}, Metadata: map[string]any{}}
}

// Empty reports whether b carries no data.
func (b Bundle) Empty() bool { return len(b.Data) == 0 }
