package interp

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/build"
	"go/token"
	"go/types"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
)

// The standard packages' types, checked from source (about half a second
// for fmt and what it imports), are kept on disk as export data, one file
// per package a program imported, under the user's cache directory: a
// later archlab run reads them in milliseconds.
//
// Packages read from export data and packages checked from source are two
// separate worlds (io.Writer of one is not io.Writer of the other), so a
// program's check takes all its imports from one: from the cache when
// every one is there, else from source (and then writes what was missing).

// TypesCacheEnv names the environment variable that sets the directory of
// the cache of standard packages' types; "off" turns the cache off.
const TypesCacheEnv = "ARCHLAB_GOTYPES_CACHE"

// exportTypes is the process's world of packages read from the cache.
var exportTypes struct {
	mu   sync.Mutex
	fset *token.FileSet
	pkgs map[string]*types.Package
}

// typesCacheDir returns the directory for this Go source tree's export
// data, or "" when there is none to use.
func typesCacheDir() string {
	dir := os.Getenv(TypesCacheEnv)
	if dir == "off" {
		return ""
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "archlab", "gotypes")
	}
	// The tree's identity: its path and its VERSION file, and the
	// binary's Go (the export format's writer).
	root := build.Default.GOROOT
	version, _ := os.ReadFile(filepath.Join(root, "VERSION"))
	sum := sha256.Sum256([]byte(root + "\x00" + string(version) + "\x00" + runtime.Version() + "\x00" + build.Default.GOOS + "/" + build.Default.GOARCH))
	return filepath.Join(dir, hex.EncodeToString(sum[:8]))
}

// cacheFile returns the file of the standard package path in dir.
func cacheFile(dir, path string) string {
	return filepath.Join(dir, strings.ReplaceAll(path, "/", "%")+".x")
}

// cachedImporter returns an importer of the packages paths from the cache
// when every one of them is there, else nil.
func cachedImporter(paths []string) types.Importer {
	dir := typesCacheDir()
	if dir == "" {
		return nil
	}
	for _, p := range paths {
		if _, err := os.Stat(cacheFile(dir, p)); err != nil {
			return nil
		}
	}
	return exportImporter{dir}
}

// exportImporter imports standard packages from the cache's export data.
type exportImporter struct{ dir string }

func (e exportImporter) Import(path string) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	exportTypes.mu.Lock()
	defer exportTypes.mu.Unlock()
	if exportTypes.pkgs == nil {
		exportTypes.pkgs = map[string]*types.Package{}
		exportTypes.fset = token.NewFileSet()
	}
	if p := exportTypes.pkgs[path]; p != nil && p.Complete() {
		return p, nil
	}
	file := cacheFile(e.dir, path)
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	p, err := gcexportdata.Read(bytes.NewReader(data), exportTypes.fset, exportTypes.pkgs, path)
	if err != nil {
		// A damaged file: gone, so that the next check writes it again.
		slog.Debug("interp: types cache", "file", file, "err", err)
		os.Remove(file)
		return nil, fmt.Errorf("interp: reading the types of %s: %w", path, err)
	}
	return p, nil
}

// saveTypes writes the export data of pkgs (checked from source) that the
// cache does not have yet. A failure only costs the next check its speed.
func saveTypes(pkgs []*types.Package) {
	dir := typesCacheDir()
	if dir == "" || len(pkgs) == 0 {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return
	}
	for _, p := range pkgs {
		file := cacheFile(dir, p.Path())
		if _, err := os.Stat(file); err == nil {
			continue
		}
		var b bytes.Buffer
		stdTypes.mu.Lock()
		err := gcexportdata.Write(&b, stdTypes.fset, p)
		stdTypes.mu.Unlock()
		if err != nil {
			slog.Debug("interp: types cache", "package", p.Path(), "err", err)
			continue
		}
		// Written whole, then renamed: a reader never sees half a file.
		tmp, err := os.CreateTemp(dir, ".tmp-*")
		if err != nil {
			return
		}
		_, werr := tmp.Write(b.Bytes())
		cerr := tmp.Close()
		if werr != nil || cerr != nil || os.Rename(tmp.Name(), file) != nil {
			os.Remove(tmp.Name())
		}
	}
}

// exportFileSet returns the file set of the packages read from the cache.
func exportFileSet() *token.FileSet {
	exportTypes.mu.Lock()
	defer exportTypes.mu.Unlock()
	if exportTypes.pkgs == nil {
		exportTypes.pkgs = map[string]*types.Package{}
		exportTypes.fset = token.NewFileSet()
	}
	return exportTypes.fset
}

// resetExportTypes forgets the packages read from the cache (for tests).
func resetExportTypes() {
	exportTypes.mu.Lock()
	defer exportTypes.mu.Unlock()
	exportTypes.pkgs, exportTypes.fset = nil, nil
}
