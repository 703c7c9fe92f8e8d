// Vectorised (SSE2, 4 floats at a time) float32 activation loops for the
// training core; see fastmath_cgo.go. Bit-identical per element to the Go
// expClamped loops they replace (sums differ only in summation order).
#include <stddef.h>

void archlab_sigmoid(float *y, const float *x, long n);
void archlab_silu_save(float *y, float *s, const float *x, long n);
float archlab_exp_shift(float *y, const float *x, float shift, long n);
float archlab_exp_sum(const float *x, float shift, long n);
void archlab_exp_axpy(float *d, const float *x, float shift, float a, long n);

void archlab_conv_rows(float *out, const float *x, const float *wT, long T, long C, long K, long lo, long hi);
void archlab_conv_dx(float *dx, const float *gp, const float *wT, long T, long C, long K, long lo, long hi);
void archlab_conv_dw(float *dwT, const float *gp, const float *x, long T, long C, long K, long N, long c0, long c1);

void archlab_rms_fwd(float *out, float *rstd, const float *x, const float *w, long N, long C, float eps);
void archlab_rms_bwd(float *dx, float *dw, const float *g, const float *x, const float *w, const float *rstd, long N, long C);
void archlab_l2_fwd(float *out, float *rinv, const float *x, long N, long C, float eps);
void archlab_l2_bwd(float *dx, const float *g, const float *y, const float *rinv, long N, long C);
void archlab_swiglu_fwd(float *o, float *s, const float *x, long N, long H);
void archlab_swiglu_bwd(float *dx, const float *gy, const float *x, const float *s, long N, long H);
