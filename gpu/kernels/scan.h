// Recurrent scan kernels in C for float32, one (batch row, head) per call.
// The Go generic versions in recurrent.go are their twins; see there and
// the package doc for the maths. Token t of q, k lives at q + t*sk, of v,
// o at v + t*sv, of beta, g at beta + t*ss. beta or g may be NULL.
#include <stddef.h>

void archlab_scan_fwd_f32(int T, int DK, int DV, int chunk, float scale,
	const float *q, const float *k, const float *v, const float *beta, const float *g,
	long sk, long sv, long ss, float *o, float *states, float *S, float *u, float *r);

void archlab_scan_bwd_f32(int T, int DK, int DV, int chunk, float scale,
	const float *q, const float *k, const float *v, const float *beta, const float *g,
	long sk, long sv, long ss, const float *dout,
	float *dq, float *dk, float *dv, float *dbeta, float *dg,
	const float *states, float *S, float *u, float *r, float *dS);

// Small row-major products for the chunked form, all accumulating into c:
// nn: c (m×n) += a (m×k) b (k×n); nt: c += a (m×k) bᵀ, b (n×k);
// tn: c += aᵀ b, a (k×m), b (k×n).
void archlab_mm_nn_f32(float *c, const float *a, const float *b, int m, int n, int k);
void archlab_mm_nt_f32(float *c, const float *a, const float *b, int m, int n, int k);
void archlab_mm_tn_f32(float *c, const float *a, const float *b, int m, int n, int k);
