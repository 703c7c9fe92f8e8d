// Package gpu is archlab's training core: tensors, a traced graph of ops
// with reverse-mode autodiff, optimisers and checkpoints, behind a small
// Backend interface implemented by the CPU backend (OpenBLAS) and the CUDA
// backend.
package gpu
