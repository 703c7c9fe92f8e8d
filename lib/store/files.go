package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/archlab/archlab/internal/atomicfile"
)

// SourceFile is the file in an experiment's folder that holds its Source;
// Insert and Update write it, WriteFile refuses to.
const SourceFile = "layer.go"

// WriteFile writes data to the file name in ExpDir(id) atomically: into a
// temporary file in the same folder, fsynced, then renamed over name, and
// the folder fsynced, so readers see the old file or the new one, never a
// part. name must be a plain file name ("result.json"; not "../x", "a/b",
// a name starting with "." or SourceFile). The folder must exist (Insert
// creates it).
func (s *Store) WriteFile(id int64, name string, data []byte) error {
	if s.ro {
		return fmt.Errorf("store: write %s of experiment %d: %w", name, id, ErrReadOnly)
	}
	if err := checkName(name); err != nil {
		return fmt.Errorf("store: write %q of experiment %d: %w", name, id, err)
	}
	if name == SourceFile {
		return fmt.Errorf("store: write %q of experiment %d: written from Experiment.Source by Insert and Update", name, id)
	}
	dir := s.ExpDir(id)
	if _, err := os.Stat(dir); err != nil {
		return fmt.Errorf("store: write %q of experiment %d: %w", name, id, err)
	}
	if err := writeAtomic(dir, name, data); err != nil {
		return fmt.Errorf("store: write %q of experiment %d: %w", name, id, err)
	}
	return nil
}

// ReadFile reads the file name in ExpDir(id). A missing file's error
// wraps fs.ErrNotExist.
func (s *Store) ReadFile(id int64, name string) ([]byte, error) {
	if err := checkName(name); err != nil {
		return nil, fmt.Errorf("store: read %q of experiment %d: %w", name, id, err)
	}
	b, err := os.ReadFile(filepath.Join(s.ExpDir(id), name))
	if err != nil {
		return nil, fmt.Errorf("store: read %q of experiment %d: %w", name, id, err)
	}
	return b, nil
}

// checkName accepts a plain file name: no separators, not empty, not
// hidden (temporary files start with ".").
func checkName(name string) error {
	switch {
	case name == "":
		return errors.New("empty file name")
	case strings.ContainsAny(name, `/\`+"\x00"):
		return errors.New("not a plain file name")
	case strings.HasPrefix(name, "."):
		return errors.New("file name starts with a dot")
	}
	return nil
}

// writeAtomic writes data to dir/name through a fsynced temporary file
// and a rename, then fsyncs dir so the rename survives a crash.
func writeAtomic(dir, name string, data []byte) error {
	return atomicfile.Write(filepath.Join(dir, name), data)
}

// syncDir fsyncs a folder, making the entries created or renamed in it
// durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
