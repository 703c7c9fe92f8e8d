//go:build !cgo || purego

package kernels

// HaveC reports whether the float32 recurrent kernels run in C (cgo
// builds without the purego tag).
const HaveC = false

func (h *head[F]) recurrentForwardC() bool  { return false }
func (h *head[F]) recurrentBackwardC() bool { return false }
