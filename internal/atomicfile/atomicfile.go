// Package atomicfile writes files that are either whole or absent: the
// bytes go to a hidden temporary file beside the target, which is synced,
// renamed over the target, and the folder synced, so a crash at any moment
// leaves the old file or the new one, never half of either.
//
//	err := atomicfile.Write("run/exp/3/result.json", b)
package atomicfile

import (
	"os"
	"path/filepath"
)

// Write writes data to path atomically, with permissions 0644.
func Write(path string, data []byte) (err error) {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return syncDir(dir)
}

// syncDir fsyncs a folder, making the entries renamed in it durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
