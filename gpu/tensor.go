package gpu

import (
	"fmt"
	"math"
)

// Float is the element type the kernels are written for: float32 for
// training, float64 for gradient checks. Every kernel is generic over it,
// so the float64 path runs exactly the same code as the float32 path.
type Float interface {
	~float32 | ~float64
}

// Tensor is a dense, row-major float32 array.
//
// Shape lists the dimensions outermost first; Data holds prod(Shape)
// values, the last dimension contiguous. A rank-0 tensor (Shape empty)
// holds one value.
type Tensor struct {
	Shape []int     // e.g. [B, T, C] = [8, 512, 128]
	Data  []float32 // len = prod(Shape)
}

// NewTensor returns a zero-filled tensor of the given shape.
func NewTensor(shape ...int) *Tensor {
	return &Tensor{Shape: append([]int(nil), shape...), Data: make([]float32, numel(shape))}
}

// FromData wraps data (not copied) as a tensor of the given shape; it
// panics when len(data) does not match.
func FromData(data []float32, shape ...int) *Tensor {
	if len(data) != numel(shape) {
		panic(fmt.Sprintf("gpu: FromData: %d values for shape %v", len(data), shape))
	}
	return &Tensor{Shape: append([]int(nil), shape...), Data: data}
}

// Len returns the number of elements.
func (t *Tensor) Len() int { return len(t.Data) }

// At returns the element at the given multi-index.
func (t *Tensor) At(idx ...int) float32 {
	if len(idx) != len(t.Shape) {
		panic(fmt.Sprintf("gpu: Tensor.At: %d indices for shape %v", len(idx), t.Shape))
	}
	off := 0
	for i, v := range idx {
		if v < 0 || v >= t.Shape[i] {
			panic(fmt.Sprintf("gpu: Tensor.At: index %v out of range for shape %v", idx, t.Shape))
		}
		off = off*t.Shape[i] + v
	}
	return t.Data[off]
}

// Clone returns a deep copy.
func (t *Tensor) Clone() *Tensor {
	return &Tensor{Shape: append([]int(nil), t.Shape...), Data: append([]float32(nil), t.Data...)}
}

func (t *Tensor) String() string { return fmt.Sprintf("Tensor%v", t.Shape) }

// numel returns the product of the dimensions (1 for a scalar).
func numel(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// firstNonFinite returns the index of the first NaN or Inf in x, or -1.
func firstNonFinite[F Float](x []F) int {
	for i, v := range x {
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return i
		}
	}
	return -1
}
