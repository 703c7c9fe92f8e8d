package gpu

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// OpenOptions configure a backend being opened by name.
type OpenOptions struct {
	// Threads is the number of host workers (Parallel, host-side
	// kernels), e.g. 2; 0 means all cores.
	Threads int
	// Auto is set when the backend is tried by "auto": a backend that
	// would run but not on an accelerator (a CUDA binding loaded over
	// the host-reference library) should refuse, saying why, so that
	// auto goes on to the next candidate.
	Auto bool
}

// An Opener starts a backend. It returns an error wrapped with context
// (what is missing and what to do) when the backend cannot run here.
type Opener func(o OpenOptions) (Backend, error)

// Auto is the device name that picks the first backend of a registry's
// auto order that opens: "cuda" when a GPU and its library are present,
// else "cpu".
const Auto = "auto"

// ErrUnknownDevice is returned (wrapped) for a name nothing registered.
var ErrUnknownDevice = errors.New("unknown device")

// A Registry maps device names ("cpu", "cuda") to the Openers that start
// them. The package-level RegisterBackend, Open and Resolve use the default
// registry, which backends fill from their init functions (import
// gpu/backends for all of them); tests make their own with NewRegistry.
// A Registry is safe for concurrent use.
type Registry struct {
	mu      sync.Mutex
	openers map[string]Opener
	order   []string // auto's candidates, best first
}

// NewRegistry returns an empty registry whose auto order is cuda, then
// cpu.
func NewRegistry() *Registry {
	return &Registry{openers: map[string]Opener{}, order: []string{"cuda", "cpu"}}
}

var defaultRegistry = NewRegistry()

// RegisterBackend adds a backend to the default registry, from the
// backend package's init. It panics if name is empty, "auto", or already
// registered (a programming error). (Register is the op table's.)
func RegisterBackend(name string, open Opener) { defaultRegistry.Register(name, open) }

// Open starts the named backend ("cpu", "cuda" or "auto") from the
// default registry with default options.
func Open(name string) (Backend, error) { return defaultRegistry.Open(name, OpenOptions{}) }

// OpenWith is Open with options.
func OpenWith(name string, o OpenOptions) (Backend, error) { return defaultRegistry.Open(name, o) }

// Choice is the backend Resolve started and why.
type Choice struct {
	Device string // the registered name, e.g. "cpu" (never "auto")
	Reason string // one line, e.g. "auto chose cpu: cpu-openblas (passed over cuda: ...)"
}

// Resolve starts the named backend from the default registry and says
// why it is the one: for "auto", which candidates were passed over and
// their errors.
func Resolve(name string, o OpenOptions) (Backend, Choice, error) {
	return defaultRegistry.Resolve(name, o)
}

// Devices lists the names the default registry accepts, "auto" last.
func Devices() []string { return defaultRegistry.Devices() }

// Register adds a backend. It panics if name is empty, "auto", or
// already registered.
func (r *Registry) Register(name string, open Opener) {
	if name == "" || name == Auto || open == nil {
		panic("gpu: Registry.Register: empty name, \"auto\" or nil Opener")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.openers[name]; dup {
		panic("gpu: Registry.Register: backend " + name + " registered twice")
	}
	r.openers[name] = open
}

// SetAutoOrder replaces auto's candidates (default cuda, then cpu).
func (r *Registry) SetAutoOrder(names ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.order = slices.Clone(names)
}

// Devices lists the registered names, sorted, then "auto".
func (r *Registry) Devices() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var names []string
	for n := range r.openers {
		names = append(names, n)
	}
	slices.Sort(names)
	return append(names, Auto)
}

// Known reports whether name is registered or "auto".
func (r *Registry) Known(name string) bool {
	if name == Auto {
		return true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.openers[name]
	return ok
}

// Known reports whether the default registry accepts name.
func Known(name string) bool { return defaultRegistry.Known(name) }

// Open starts the named backend.
func (r *Registry) Open(name string, o OpenOptions) (Backend, error) {
	b, _, err := r.Resolve(name, o)
	return b, err
}

// Resolve starts the named backend and returns the registered name it
// opened with a one-line reason for the choice. A name that is not "auto" opens exactly that backend (its
// error, wrapped, if it cannot run). "auto" tries the auto order and
// takes the first that opens, with Auto set in the options; the reason
// names it and every candidate passed over with its error, e.g.
// "cpu (cuda: gpu/cuda: libarchlab_cuda.so not found ...)".
func (r *Registry) Resolve(name string, o OpenOptions) (Backend, Choice, error) {
	r.mu.Lock()
	open, ok := r.openers[name]
	order := slices.Clone(r.order)
	r.mu.Unlock()
	if name != Auto {
		if !ok {
			return nil, Choice{}, fmt.Errorf("gpu: device %q: %w (known: %s)", name, ErrUnknownDevice, strings.Join(r.Devices(), ", "))
		}
		b, err := open(o)
		if err != nil {
			return nil, Choice{}, fmt.Errorf("gpu: device %s: %w", name, err)
		}
		return b, Choice{name, name + " requested: " + describe(b)}, nil
	}
	o.Auto = true
	var skipped []string
	for _, n := range order {
		r.mu.Lock()
		open, ok := r.openers[n]
		r.mu.Unlock()
		if !ok {
			skipped = append(skipped, n+": not built into this binary")
			continue
		}
		b, err := open(o)
		if err != nil {
			skipped = append(skipped, n+": "+err.Error())
			continue
		}
		reason := "auto chose " + n + ": " + describe(b)
		if len(skipped) > 0 {
			reason += " (passed over " + strings.Join(skipped, "; ") + ")"
		}
		return b, Choice{n, reason}, nil
	}
	return nil, Choice{}, fmt.Errorf("gpu: device auto: no backend opens (%s)", strings.Join(skipped, "; "))
}

// describe is a backend's String (device, library) or its Name.
func describe(b Backend) string {
	if s, ok := b.(fmt.Stringer); ok {
		return s.String()
	}
	return b.Name()
}

// Close releases a backend's resources (worker goroutines, device
// memory) when it holds any; it does nothing for one that does not.
func Close(b Backend) {
	if c, ok := b.(interface{ Close() }); ok {
		c.Close()
	}
}
