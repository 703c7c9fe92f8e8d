//go:build !cgo || noblas

package kernels

// HaveC reports whether the float32 recurrent kernels run in C (cgo
// builds without the noblas tag, which makes the whole training core pure Go).
const HaveC = false

func (h *head[F]) recurrentForwardC() bool  { return false }
func (h *head[F]) recurrentBackwardC() bool { return false }

func mm32[F Float](kind byte, c, a, b []F, m, n, k int) bool { return false }
