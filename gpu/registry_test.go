package gpu_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/archlab/archlab/gpu"
)

// ExampleRegistry registers two backends in a fresh registry and lets
// auto pick: "cuda" refuses (no library), so auto takes "cpu" and says why.
func ExampleRegistry() {
	r := gpu.NewRegistry()
	r.Register("cpu", func(gpu.OpenOptions) (gpu.Backend, error) { return gpu.Reference(), nil })
	r.Register("cuda", func(gpu.OpenOptions) (gpu.Backend, error) {
		return nil, errors.New("libarchlab_cuda.so not found")
	})
	b, choice, err := r.Resolve("auto", gpu.OpenOptions{Threads: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer gpu.Close(b)
	fmt.Println(choice.Device, b.Name())
	fmt.Println(choice.Reason)
	fmt.Println(r.Devices())
	// Output:
	// cpu reference
	// auto chose cpu: reference (passed over cuda: libarchlab_cuda.so not found)
	// [cpu cuda auto]
}

// fakeBackend is a Reference backend that records how it was opened.
type fakeBackend struct {
	gpu.Backend
	name   string
	opts   gpu.OpenOptions
	closed *bool
}

func (f fakeBackend) Name() string { return f.name }
func (f fakeBackend) Close()       { *f.closed = true }

func TestRegistryResolve(t *testing.T) {
	noLib := errors.New("no library")
	onlyGPU := func(o gpu.OpenOptions) (gpu.Backend, error) {
		if o.Auto {
			return nil, errors.New("host reference, not a GPU")
		}
		return fakeBackend{gpu.Reference(), "cuda-hostref", o, new(bool)}, nil
	}
	ok := func(name string) gpu.Opener {
		return func(o gpu.OpenOptions) (gpu.Backend, error) {
			return fakeBackend{gpu.Reference(), name, o, new(bool)}, nil
		}
	}
	fails := func(gpu.OpenOptions) (gpu.Backend, error) { return nil, noLib }
	tests := []struct {
		name       string
		openers    map[string]gpu.Opener
		device     string
		want       string // backend name (the device is what precedes "-"), "" for an error
		wantReason string // substring of the reason, or of the error
		wantErr    error
	}{
		{"cpu by name", map[string]gpu.Opener{"cpu": ok("cpu-x")}, "cpu", "cpu-x", "cpu requested: cpu-x", nil},
		{"auto prefers cuda", map[string]gpu.Opener{"cpu": ok("cpu-x"), "cuda": ok("cuda-x")}, "auto", "cuda-x", "auto chose cuda: cuda-x", nil},
		{"auto falls back with the error", map[string]gpu.Opener{"cpu": ok("cpu-x"), "cuda": fails}, "auto", "cpu-x", "passed over cuda: no library", nil},
		{"auto skips what is not built in", map[string]gpu.Opener{"cpu": ok("cpu-x")}, "auto", "cpu-x", "cuda: not built into this binary", nil},
		{"auto skips the host reference", map[string]gpu.Opener{"cpu": ok("cpu-x"), "cuda": onlyGPU}, "auto", "cpu-x", "host reference, not a GPU", nil},
		{"cuda by name takes the host reference", map[string]gpu.Opener{"cpu": ok("cpu-x"), "cuda": onlyGPU}, "cuda", "cuda-hostref", "cuda requested", nil},
		{"cuda by name fails", map[string]gpu.Opener{"cpu": ok("cpu-x"), "cuda": fails}, "cuda", "", "gpu: device cuda: no library", noLib},
		{"unknown", map[string]gpu.Opener{"cpu": ok("cpu-x")}, "tpu", "", `gpu: device "tpu": unknown device (known: cpu, auto)`, gpu.ErrUnknownDevice},
		{"auto with nothing", map[string]gpu.Opener{"cuda": fails}, "auto", "", "no backend opens (cuda: no library; cpu: not built", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := gpu.NewRegistry()
			for n, o := range tc.openers {
				r.Register(n, o)
			}
			b, choice, err := r.Resolve(tc.device, gpu.OpenOptions{Threads: 3})
			if tc.want == "" {
				if err == nil {
					t.Fatalf("Resolve(%q) = %s, want an error", tc.device, b.Name())
				}
				if !strings.Contains(err.Error(), tc.wantReason) {
					t.Errorf("error %q, want it to contain %q", err, tc.wantReason)
				}
				if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
					t.Errorf("error %q does not wrap %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if b.Name() != tc.want {
				t.Errorf("backend %s, want %s", b.Name(), tc.want)
			}
			if got := b.(fakeBackend).opts.Threads; got != 3 {
				t.Errorf("opened with %d threads, want 3", got)
			}
			if !strings.Contains(choice.Reason, tc.wantReason) {
				t.Errorf("reason %q, want it to contain %q", choice.Reason, tc.wantReason)
			}
			if want, _, _ := strings.Cut(tc.want, "-"); choice.Device != want {
				t.Errorf("device %q, want %q", choice.Device, want)
			}
		})
	}
}

func TestRegistryMisuse(t *testing.T) {
	r := gpu.NewRegistry()
	r.Register("cpu", func(gpu.OpenOptions) (gpu.Backend, error) { return gpu.Reference(), nil })
	for _, tc := range []struct {
		name string
		reg  string
	}{{"twice", "cpu"}, {"auto", "auto"}, {"empty", ""}} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("Register(%q) did not panic", tc.reg)
				}
			}()
			r.Register(tc.reg, func(gpu.OpenOptions) (gpu.Backend, error) { return nil, nil })
		})
	}
	if !r.Known("cpu") || !r.Known("auto") || r.Known("cuda") {
		t.Errorf("Known: cpu %v auto %v cuda %v, want true true false", r.Known("cpu"), r.Known("auto"), r.Known("cuda"))
	}
}

func TestClose(t *testing.T) {
	closed := false
	gpu.Close(fakeBackend{gpu.Reference(), "x", gpu.OpenOptions{}, &closed})
	gpu.Close(gpu.Reference()) // no Close method: nothing to do
	if !closed {
		t.Error("Close did not call the backend's Close")
	}
}
