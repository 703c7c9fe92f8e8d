package results

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// The released file names of ASI-ARCH's data.
const (
	TreeFile = "tree.json" // lineage of every explored architecture
	SOTAFile = "106.json"  // full records of the 106 SOTA architectures
)

// FieldError reports a record of a released file that does not have the
// expected shape: which file, which record (1-based position, and its index
// when that much was readable), which field, and what is wrong.
type FieldError struct {
	File   string // e.g. "tree.json"
	Record int    // 1-based position in the file's list; 0 for the top level
	Index  int    // the record's "index" field, 0 when unknown
	Field  string // e.g. "score" or "result.train"
	Err    error
}

func (e *FieldError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "results: %s", e.File)
	if e.Record > 0 {
		fmt.Fprintf(&b, ": record %d", e.Record)
		if e.Index != 0 {
			fmt.Fprintf(&b, " (index %d)", e.Index)
		}
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %q", e.Field)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	return b.String()
}

func (e *FieldError) Unwrap() error { return e.Err }

// Load reads ASI-ARCH's released data from src: a folder holding tree.json
// and 106.json, a base URL (http or https) under which both files lie, or a
// single file path or URL ending in .json (which file it is, is told from
// its content), in which case only that half of the Run is filled. An empty
// src means the project's copy, found by FindASIArchData; Run.Source then
// holds the folder found.
func Load(src string) (*Run, error) {
	return LoadContext(context.Background(), src)
}

// LoadContext is Load with a context that bounds the HTTP requests.
func LoadContext(ctx context.Context, src string) (*Run, error) {
	if src == "" {
		found, err := FindASIArchData()
		if err != nil {
			return nil, err
		}
		src = found
	}
	run := &Run{Source: src}
	if isURL(src) {
		if strings.HasSuffix(strings.ToLower(src), ".json") {
			data, err := fetch(ctx, src)
			if err != nil {
				return nil, err
			}
			return run, run.addFile(urlBase(src), data)
		}
		base := strings.TrimRight(src, "/")
		for _, f := range []string{TreeFile, SOTAFile} {
			data, err := fetch(ctx, base+"/"+f)
			if err != nil {
				return nil, err
			}
			if err := run.addFile(f, data); err != nil {
				return nil, err
			}
		}
		return run, nil
	}
	st, err := os.Stat(src)
	if err != nil {
		return nil, fmt.Errorf("results: load: %w", err)
	}
	if !st.IsDir() {
		data, err := os.ReadFile(src)
		if err != nil {
			return nil, fmt.Errorf("results: load: %w", err)
		}
		return run, run.addFile(filepath.Base(src), data)
	}
	for _, f := range []string{TreeFile, SOTAFile} {
		data, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			return nil, fmt.Errorf("results: load: %w", err)
		}
		if err := run.addFile(f, data); err != nil {
			return nil, err
		}
	}
	return run, nil
}

// addFile parses data as tree.json (a JSON object) or 106.json (a JSON
// array), told apart by the first non-space byte.
func (r *Run) addFile(name string, data []byte) error {
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	if len(t) == 0 {
		return &FieldError{File: name, Err: errors.New("empty file")}
	}
	switch t[0] {
	case '{':
		nodes, err := ParseTree(bytes.NewReader(data), name)
		if err != nil {
			return err
		}
		r.Tree = nodes
	case '[':
		archs, err := ParseSOTA(bytes.NewReader(data), name)
		if err != nil {
			return err
		}
		r.SOTA = archs
	default:
		return &FieldError{File: name, Err: fmt.Errorf("want a JSON object (tree.json) or array (106.json), file starts with %q", t[:min(len(t), 20)])}
	}
	return nil
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func urlBase(u string) string {
	if i := strings.LastIndexByte(u, '/'); i >= 0 {
		return u[i+1:]
	}
	return u
}

// fetch GETs url with a two-minute bound on top of ctx.
func fetch(ctx context.Context, url string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("results: fetch %s: %w", url, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("results: fetch %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("results: fetch %s: %s", url, resp.Status)
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("results: fetch %s: %w", url, err)
	}
	return data, nil
}

// record is one element of a list, decoded into its fields.
type record struct {
	file   string
	pos    int
	index  int
	fields map[string]json.RawMessage
}

func (rc *record) err(field string, err error) error {
	return &FieldError{File: rc.file, Record: rc.pos, Index: rc.index, Field: field, Err: err}
}

func (rc *record) raw(field string, required bool) (json.RawMessage, bool, error) {
	v, ok := rc.fields[field]
	if !ok || string(v) == "null" {
		if required {
			return nil, false, rc.err(field, errors.New("missing"))
		}
		return nil, false, nil
	}
	return v, true, nil
}

func (rc *record) int(field string, required bool) (int, bool, error) {
	v, ok, err := rc.raw(field, required)
	if !ok || err != nil {
		return 0, false, err
	}
	var n json.Number
	if err := json.Unmarshal(v, &n); err != nil {
		return 0, false, rc.err(field, fmt.Errorf("want an integer, got %s", short(v)))
	}
	i, err := strconv.Atoi(n.String())
	if err != nil {
		return 0, false, rc.err(field, fmt.Errorf("want an integer, got %s", short(v)))
	}
	return i, true, nil
}

func (rc *record) float(field string) (float64, error) {
	v, _, err := rc.raw(field, true)
	if err != nil {
		return 0, err
	}
	var f float64
	if err := json.Unmarshal(v, &f); err != nil {
		return 0, rc.err(field, fmt.Errorf("want a number, got %s", short(v)))
	}
	return f, nil
}

func (rc *record) string(field string, required bool) (string, error) {
	v, ok, err := rc.raw(field, required)
	if !ok || err != nil {
		return "", err
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", rc.err(field, fmt.Errorf("want a string, got %s", short(v)))
	}
	return s, nil
}

func short(v []byte) string {
	if len(v) > 40 {
		return string(v[:40]) + "…"
	}
	return string(v)
}

// list streams the records of a JSON array from dec, calling fn on each. A
// syntax error or a truncated file is reported with the record it hit.
func list(dec *json.Decoder, file string, fn func(*record) error) (int, error) {
	n, last := 0, 0
	for dec.More() {
		n++
		var m map[string]json.RawMessage
		if err := dec.Decode(&m); err != nil {
			err = jsonErr(err, dec)
			if last != 0 {
				err = fmt.Errorf("%w (the record after index %d)", err, last)
			}
			return n, &FieldError{File: file, Record: n, Err: err}
		}
		rc := &record{file: file, pos: n, fields: m}
		if i, ok, err := rc.int("index", true); err != nil {
			return n, err
		} else if ok {
			rc.index = i
		}
		if err := fn(rc); err != nil {
			return n, err
		}
		last = rc.index
	}
	if _, err := dec.Token(); err != nil { // the closing ]
		return n, &FieldError{File: file, Record: n + 1, Err: jsonErr(err, dec)}
	}
	return n, nil
}

func jsonErr(err error, dec *json.Decoder) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("file ends early at byte %d (truncated?): %w", dec.InputOffset(), io.ErrUnexpectedEOF)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("malformed JSON at byte %d: %w", se.Offset, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("want a JSON object, got %s", te.Value)
	}
	return err
}

func expectDelim(dec *json.Decoder, file string, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return &FieldError{File: file, Err: jsonErr(err, dec)}
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return &FieldError{File: file, Err: fmt.Errorf("want %q, got %v", want, tok)}
	}
	return nil
}

// ParseTree reads tree.json: {"total_records": N, "results": [{index, name,
// parent, score, name_new}, …]}. name names the file in errors.
func ParseTree(r io.Reader, name string) ([]Node, error) {
	dec := json.NewDecoder(bufio.NewReader(r))
	if err := expectDelim(dec, name, '{'); err != nil {
		return nil, err
	}
	var nodes []Node
	total, haveTotal, haveResults := 0, false, false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, &FieldError{File: name, Err: jsonErr(err, dec)}
		}
		key, _ := tok.(string)
		switch key {
		case "total_records":
			var n json.Number
			dec.UseNumber()
			if err := dec.Decode(&n); err != nil {
				return nil, &FieldError{File: name, Field: key, Err: jsonErr(err, dec)}
			}
			t, err := strconv.Atoi(n.String())
			if err != nil {
				return nil, &FieldError{File: name, Field: key, Err: fmt.Errorf("want an integer, got %s", n)}
			}
			total, haveTotal = t, true
		case "results":
			if err := expectDelim(dec, name, '['); err != nil {
				err.(*FieldError).Field = key
				return nil, err
			}
			haveResults = true
			_, err := list(dec, name, func(rc *record) error {
				var nd Node
				nd.Index = rc.index
				p, _, err := rc.int("parent", false)
				if err != nil {
					return err
				}
				nd.Parent = p
				if nd.Name, err = rc.string("name", true); err != nil {
					return err
				}
				if nd.NameNew, err = rc.string("name_new", false); err != nil {
					return err
				}
				if nd.Score, err = rc.float("score"); err != nil {
					return err
				}
				nodes = append(nodes, nd)
				return nil
			})
			if err != nil {
				return nil, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, &FieldError{File: name, Field: key, Err: jsonErr(err, dec)}
			}
		}
	}
	if _, err := dec.Token(); err != nil {
		return nil, &FieldError{File: name, Err: jsonErr(err, dec)}
	}
	if !haveResults {
		return nil, &FieldError{File: name, Field: "results", Err: errors.New("missing")}
	}
	if haveTotal && total != len(nodes) {
		return nil, &FieldError{File: name, Field: "total_records", Err: fmt.Errorf("says %d but results holds %d records", total, len(nodes))}
	}
	if err := checkTree(nodes, name); err != nil {
		return nil, err
	}
	return nodes, nil
}

// checkTree rejects duplicate indices, parents that are not in the file,
// and zero or negative indices (0 means "no parent").
func checkTree(nodes []Node, file string) error {
	seen := make(map[int]int, len(nodes))
	for i, n := range nodes {
		if n.Index <= 0 {
			return &FieldError{File: file, Record: i + 1, Field: "index", Err: fmt.Errorf("want a positive integer, got %d", n.Index)}
		}
		if j, dup := seen[n.Index]; dup {
			return &FieldError{File: file, Record: i + 1, Index: n.Index, Field: "index", Err: fmt.Errorf("duplicate of record %d", j+1)}
		}
		seen[n.Index] = i
	}
	for i, n := range nodes {
		if _, ok := seen[n.Parent]; n.Parent != 0 && !ok {
			return &FieldError{File: file, Record: i + 1, Index: n.Index, Field: "parent", Err: fmt.Errorf("parent %d is not in the file", n.Parent)}
		}
	}
	return nil
}

// ParseSOTA reads 106.json: a list of full architecture records with their
// 340M training-loss curve (result.train) and benchmark scores
// (result.test), both small CSV tables. name names the file in errors.
func ParseSOTA(r io.Reader, name string) ([]Arch, error) {
	dec := json.NewDecoder(bufio.NewReader(r))
	if err := expectDelim(dec, name, '['); err != nil {
		return nil, err
	}
	var out []Arch
	_, err := list(dec, name, func(rc *record) error {
		a, err := parseArch(rc)
		if err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the closing ]")
		}
		return nil, &FieldError{File: name, Err: err}
	}
	seen := map[int]bool{}
	for i, a := range out {
		if seen[a.Index] {
			return nil, &FieldError{File: name, Record: i + 1, Index: a.Index, Field: "index", Err: errors.New("duplicate")}
		}
		seen[a.Index] = true
	}
	return out, nil
}

func parseArch(rc *record) (Arch, error) {
	a := Arch{Index: rc.index}
	var err error
	if a.Parent, _, err = rc.int("parent", false); err != nil {
		return a, err
	}
	strs := []struct {
		dst      *string
		field    string
		required bool
	}{
		{&a.Name, "name", true}, {&a.NameNew, "name_new", false}, {&a.Summary, "summary", false},
		{&a.Motivation, "motivation", false}, {&a.Program, "program", false}, {&a.SVG, "svg_picture", false},
		{&a.Parameters, "parameters", true},
	}
	for _, s := range strs {
		if *s.dst, err = rc.string(s.field, s.required); err != nil {
			return a, err
		}
	}
	if a.ParamsM, err = parseParams(a.Parameters); err != nil {
		return a, rc.err("parameters", err)
	}
	if a.Score, err = rc.float("score"); err != nil {
		return a, err
	}
	res, _, err := rc.raw("result", true)
	if err != nil {
		return a, err
	}
	var result map[string]json.RawMessage
	if err := json.Unmarshal(res, &result); err != nil {
		return a, rc.err("result", fmt.Errorf("want an object, got %s", short(res)))
	}
	sub := &record{file: rc.file, pos: rc.pos, index: rc.index, fields: result}
	train, err := sub.string("train", true)
	if err != nil {
		err.(*FieldError).Field = "result.train"
		return a, err
	}
	test, err := sub.string("test", true)
	if err != nil {
		err.(*FieldError).Field = "result.test"
		return a, err
	}
	head, row, err := csvRow(train)
	if err != nil {
		return a, rc.err("result.train", err)
	}
	for i, h := range head {
		step, err := strconv.Atoi(h)
		if err != nil {
			return a, rc.err("result.train", fmt.Errorf("column %d: want a step number, got %q", i+2, h))
		}
		v, err := parseValue(row[i])
		if err != nil {
			return a, rc.err("result.train", fmt.Errorf("step %d: %w", step, err))
		}
		a.Loss.Steps = append(a.Loss.Steps, step)
		a.Loss.Loss = append(a.Loss.Loss, v)
	}
	if len(a.Loss.Steps) == 0 {
		return a, rc.err("result.train", errors.New("no steps"))
	}
	head, row, err = csvRow(test)
	if err != nil {
		return a, rc.err("result.test", err)
	}
	a.Tasks = make(map[string]float64, len(head))
	for i, h := range head {
		v, err := parseValue(row[i])
		if err != nil {
			return a, rc.err("result.test", fmt.Errorf("column %q: %w", h, err))
		}
		a.Tasks[h] = v
		a.TaskOrder = append(a.TaskOrder, h)
	}
	for _, t := range CoreTasks {
		v, ok := a.Tasks[t]
		if !ok {
			return a, rc.err("result.test", fmt.Errorf("column %q missing", t))
		}
		if math.IsNaN(v) {
			return a, rc.err("result.test", fmt.Errorf("column %q is nan", t))
		}
	}
	return a, nil
}

// csvRow parses a two-line CSV (header, one data row) whose first column is
// the row name, and returns the header and the row without that column.
func csvRow(s string) (head, row []string, err error) {
	cr := csv.NewReader(strings.NewReader(s))
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("bad CSV: %w", err)
	}
	if len(recs) != 2 {
		return nil, nil, fmt.Errorf("want a header and one row, got %d lines", len(recs))
	}
	if len(recs[0]) < 2 {
		return nil, nil, errors.New("no columns")
	}
	return recs[0][1:], recs[1][1:], nil
}

// parseValue parses a CSV cell; "nan" is NaN (the release writes
// perplexities it did not measure that way).
func parseValue(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "nan") {
		return math.NaN(), nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, fmt.Errorf("want a number, got %q", s)
	}
	return v, nil
}

// parseParams parses a parameter count such as "495.73M" into millions.
func parseParams(s string) (float64, error) {
	t := strings.TrimSpace(s)
	mult := 1e-6
	switch {
	case strings.HasSuffix(t, "M"):
		mult, t = 1, strings.TrimSuffix(t, "M")
	case strings.HasSuffix(t, "B"):
		mult, t = 1e3, strings.TrimSuffix(t, "B")
	case strings.HasSuffix(t, "K"):
		mult, t = 1e-3, strings.TrimSuffix(t, "K")
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, fmt.Errorf("want a count like \"495.73M\", got %q", s)
	}
	return v * mult, nil
}
