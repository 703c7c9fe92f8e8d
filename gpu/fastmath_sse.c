//go:build cgo && amd64 && !noblas

// See fastmath_sse.h. exp4 is expClamped (fastmath.go) four lanes wide:
// clamp to [-87.3, 88.3] (NaN passes through), round x·log2(e) with the
// 1.5·2²³ trick, Cephes's two-constant ln 2 reduction and polynomial, and
// scale by 2ⁿ built in the exponent bits.
#include <emmintrin.h>
#include <math.h>
#include "fastmath_sse.h"

static inline __m128 exp4(__m128 x) {
	x = _mm_min_ps(_mm_set1_ps(88.3f), x); /* min/max return x when x is NaN */
	x = _mm_max_ps(_mm_set1_ps(-87.3f), x);
	__m128 t = _mm_add_ps(_mm_mul_ps(x, _mm_set1_ps(1.44269504088896341f)), _mm_set1_ps(12582912.0f));
	__m128 fn = _mm_sub_ps(t, _mm_set1_ps(12582912.0f));
	__m128 r = _mm_add_ps(_mm_sub_ps(x, _mm_mul_ps(fn, _mm_set1_ps(0.693359375f))), _mm_mul_ps(fn, _mm_set1_ps(2.12194440e-4f)));
	__m128 p = _mm_set1_ps(1.3981999507e-3f);
	p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(8.3334519073e-3f));
	p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(4.1665795894e-2f));
	p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(1.6666665459e-1f));
	p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(5.0000001201e-1f));
	__m128 y = _mm_add_ps(_mm_add_ps(_mm_mul_ps(_mm_mul_ps(p, r), r), r), _mm_set1_ps(1.0f));
	__m128i n = _mm_cvttps_epi32(fn);
	return _mm_mul_ps(y, _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(n, _mm_set1_epi32(127)), 23)));
}

/* load up to 4 floats (the tail), zero-padded */
static inline __m128 load_tail(const float *x, long k) {
	float b[4] = {0, 0, 0, 0};
	for (long j = 0; j < k; j++) b[j] = x[j];
	return _mm_loadu_ps(b);
}

static inline void store_tail(float *y, __m128 v, long k) {
	float b[4];
	_mm_storeu_ps(b, v);
	for (long j = 0; j < k; j++) y[j] = b[j];
}

static inline __m128 sigmoid4(__m128 v) {
	__m128 one = _mm_set1_ps(1.0f);
	return _mm_div_ps(one, _mm_add_ps(one, exp4(_mm_sub_ps(_mm_setzero_ps(), v))));
}

void archlab_sigmoid(float *y, const float *x, long n) {
	long i = 0;
	for (; i + 4 <= n; i += 4) _mm_storeu_ps(y + i, sigmoid4(_mm_loadu_ps(x + i)));
	if (i < n) store_tail(y + i, sigmoid4(load_tail(x + i, n - i)), n - i);
}

void archlab_silu_save(float *y, float *s, const float *x, long n) {
	long i = 0;
	for (; i + 4 <= n; i += 4) {
		__m128 v = _mm_loadu_ps(x + i), sg = sigmoid4(v);
		_mm_storeu_ps(s + i, sg);
		_mm_storeu_ps(y + i, _mm_mul_ps(v, sg));
	}
	if (i < n) {
		__m128 v = load_tail(x + i, n - i), sg = sigmoid4(v);
		store_tail(s + i, sg, n - i);
		store_tail(y + i, _mm_mul_ps(v, sg), n - i);
	}
}

static inline float hsum(__m128 v) {
	float b[4];
	_mm_storeu_ps(b, v);
	return (b[0] + b[1]) + (b[2] + b[3]);
}

float archlab_exp_shift(float *y, const float *x, float shift, long n) {
	__m128 sh = _mm_set1_ps(shift), acc = _mm_setzero_ps();
	long i = 0;
	for (; i + 4 <= n; i += 4) {
		__m128 e = exp4(_mm_sub_ps(_mm_loadu_ps(x + i), sh));
		_mm_storeu_ps(y + i, e);
		acc = _mm_add_ps(acc, e);
	}
	float s = hsum(acc);
	if (i < n) {
		float b[4];
		_mm_storeu_ps(b, exp4(_mm_sub_ps(load_tail(x + i, n - i), sh)));
		for (long j = 0; j < n - i; j++) { y[i + j] = b[j]; s += b[j]; }
	}
	return s;
}

float archlab_exp_sum(const float *x, float shift, long n) {
	__m128 sh = _mm_set1_ps(shift), acc = _mm_setzero_ps();
	long i = 0;
	for (; i + 4 <= n; i += 4) acc = _mm_add_ps(acc, exp4(_mm_sub_ps(_mm_loadu_ps(x + i), sh)));
	float s = hsum(acc);
	if (i < n) {
		float b[4];
		_mm_storeu_ps(b, exp4(_mm_sub_ps(load_tail(x + i, n - i), sh)));
		for (long j = 0; j < n - i; j++) s += b[j];
	}
	return s;
}

void archlab_exp_axpy(float *d, const float *x, float shift, float a, long n) {
	__m128 sh = _mm_set1_ps(shift), av = _mm_set1_ps(a);
	long i = 0;
	for (; i + 4 <= n; i += 4) {
		__m128 e = exp4(_mm_sub_ps(_mm_loadu_ps(x + i), sh));
		_mm_storeu_ps(d + i, _mm_add_ps(_mm_loadu_ps(d + i), _mm_mul_ps(av, e)));
	}
	if (i < n) {
		__m128 e = exp4(_mm_sub_ps(load_tail(x + i, n - i), sh));
		store_tail(d + i, _mm_add_ps(load_tail(d + i, n - i), _mm_mul_ps(av, e)), n - i);
	}
}

/* Causal depthwise convolution, channels contiguous (see ops_nn.go for
 * the shapes); plain loops the compiler vectorises over channels. */

void archlab_conv_rows(float *out, const float *x, const float *wT, long T, long C, long K, long lo, long hi) {
	for (long bt = lo; bt < hi; bt++) {
		long t = bt % T;
		float *restrict o = out + bt * C;
		for (long ch = 0; ch < C; ch++) o[ch] = 0;
		for (long j = (K - 1 - t > 0 ? K - 1 - t : 0); j < K; j++) {
			const float *restrict xr = x + (bt - (K - 1 - j)) * C;
			const float *restrict wj = wT + j * C;
			for (long ch = 0; ch < C; ch++) o[ch] += wj[ch] * xr[ch];
		}
	}
}

void archlab_conv_dx(float *dx, const float *gp, const float *wT, long T, long C, long K, long lo, long hi) {
	for (long bt = lo; bt < hi; bt++) {
		long t = bt % T;
		float *restrict d = dx + bt * C;
		for (long j = 0; j < K; j++) {
			if (t + K - 1 - j >= T) continue;
			const float *restrict gr = gp + (bt + K - 1 - j) * C;
			const float *restrict wj = wT + j * C;
			for (long ch = 0; ch < C; ch++) d[ch] += wj[ch] * gr[ch];
		}
	}
}

/* dw in tiles of 64 rows: per tap j and 16 channels, four accumulators
 * run down the tile in registers and are added to dwT once per tile (the
 * row-at-a-time loop stored dwT after every row). */
void archlab_conv_dw(float *dwT, const float *gp, const float *x, long T, long C, long K, long N, long c0, long c1) {
	for (long b0 = 0; b0 < N; b0 += 64) {
		long b1 = b0 + 64 < N ? b0 + 64 : N, tb0 = b0 % T;
		for (long j = 0; j < K; j++) {
			long lag = K - 1 - j;
			float *restrict dj = dwT + j * C;
			long ch = c0;
			for (; ch + 16 <= c1; ch += 16) {
				__m128 a0 = _mm_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
				long t = tb0;
				for (long bt = b0; bt < b1; bt++, t = t + 1 == T ? 0 : t + 1) {
					if (t < lag) continue;
					const float *gr = gp + bt * C + ch, *xr = x + (bt - lag) * C + ch;
					a0 = _mm_add_ps(a0, _mm_mul_ps(_mm_loadu_ps(gr), _mm_loadu_ps(xr)));
					a1 = _mm_add_ps(a1, _mm_mul_ps(_mm_loadu_ps(gr + 4), _mm_loadu_ps(xr + 4)));
					a2 = _mm_add_ps(a2, _mm_mul_ps(_mm_loadu_ps(gr + 8), _mm_loadu_ps(xr + 8)));
					a3 = _mm_add_ps(a3, _mm_mul_ps(_mm_loadu_ps(gr + 12), _mm_loadu_ps(xr + 12)));
				}
				_mm_storeu_ps(dj + ch, _mm_add_ps(_mm_loadu_ps(dj + ch), a0));
				_mm_storeu_ps(dj + ch + 4, _mm_add_ps(_mm_loadu_ps(dj + ch + 4), a1));
				_mm_storeu_ps(dj + ch + 8, _mm_add_ps(_mm_loadu_ps(dj + ch + 8), a2));
				_mm_storeu_ps(dj + ch + 12, _mm_add_ps(_mm_loadu_ps(dj + ch + 12), a3));
			}
			for (; ch < c1; ch++) {
				float a = 0;
				long t = tb0;
				for (long bt = b0; bt < b1; bt++, t = t + 1 == T ? 0 : t + 1)
					if (t >= lag) a += gp[bt * C + ch] * x[(bt - lag) * C + ch];
				dj[ch] += a;
			}
		}
	}
}

/* ---- row normalisations (ops_nn.go: rmsNormForward/Backward, l2Norm*) ----
 * Per element the same operations in the same order as the Go loops; the
 * row sums run four lanes wide (two accumulators), so they differ from
 * the Go twin only in summation order. */

/* Σ a[i]·b[i] */
static inline float sdot(const float *a, const float *b, long n) {
	__m128 s0 = _mm_setzero_ps(), s1 = _mm_setzero_ps();
	long i = 0;
	for (; i + 8 <= n; i += 8) {
		s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
		s1 = _mm_add_ps(s1, _mm_mul_ps(_mm_loadu_ps(a + i + 4), _mm_loadu_ps(b + i + 4)));
	}
	for (; i + 4 <= n; i += 4) s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
	float s = hsum(_mm_add_ps(s0, s1));
	for (; i < n; i++) s += a[i] * b[i];
	return s;
}

/* Σ (a[i]·b[i])·c[i] */
static inline float sdot3(const float *a, const float *b, const float *c, long n) {
	__m128 s0 = _mm_setzero_ps(), s1 = _mm_setzero_ps();
	long i = 0;
	for (; i + 8 <= n; i += 8) {
		s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)), _mm_loadu_ps(c + i)));
		s1 = _mm_add_ps(s1, _mm_mul_ps(_mm_mul_ps(_mm_loadu_ps(a + i + 4), _mm_loadu_ps(b + i + 4)), _mm_loadu_ps(c + i + 4)));
	}
	for (; i + 4 <= n; i += 4)
		s0 = _mm_add_ps(s0, _mm_mul_ps(_mm_mul_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)), _mm_loadu_ps(c + i)));
	float s = hsum(_mm_add_ps(s0, s1));
	for (; i < n; i++) s += a[i] * b[i] * c[i];
	return s;
}

void archlab_rms_fwd(float *out, float *rstd, const float *x, const float *w, long N, long C, float eps) {
	for (long r = 0; r < N; r++) {
		const float *xr = x + r * C;
		float *yr = out + r * C;
		float rs = (float)(1.0 / sqrt((double)(sdot(xr, xr, C) / (float)C + eps)));
		rstd[r] = rs;
		__m128 rv = _mm_set1_ps(rs);
		long i = 0;
		for (; i + 4 <= C; i += 4)
			_mm_storeu_ps(yr + i, _mm_mul_ps(_mm_mul_ps(_mm_loadu_ps(xr + i), rv), _mm_loadu_ps(w + i)));
		for (; i < C; i++) yr[i] = xr[i] * rs * w[i];
	}
}

void archlab_rms_bwd(float *dx, float *dw, const float *g, const float *x, const float *w, const float *rstd, long N, long C) {
	for (long r = 0; r < N; r++) {
		const float *xr = x + r * C, *gr = g + r * C;
		float rs = rstd[r];
		__m128 rv = _mm_set1_ps(rs);
		if (dx) {
			float k = rs * rs * rs * sdot3(gr, w, xr, C) / (float)C;
			__m128 kv = _mm_set1_ps(k);
			float *d = dx + r * C;
			long i = 0;
			for (; i + 4 <= C; i += 4) {
				__m128 t = _mm_mul_ps(_mm_mul_ps(rv, _mm_loadu_ps(gr + i)), _mm_loadu_ps(w + i));
				t = _mm_sub_ps(t, _mm_mul_ps(_mm_loadu_ps(xr + i), kv));
				_mm_storeu_ps(d + i, _mm_add_ps(_mm_loadu_ps(d + i), t));
			}
			for (; i < C; i++) d[i] += rs * gr[i] * w[i] - xr[i] * k;
		}
		if (dw) {
			long i = 0;
			for (; i + 4 <= C; i += 4) {
				__m128 t = _mm_mul_ps(_mm_mul_ps(_mm_loadu_ps(gr + i), _mm_loadu_ps(xr + i)), rv);
				_mm_storeu_ps(dw + i, _mm_add_ps(_mm_loadu_ps(dw + i), t));
			}
			for (; i < C; i++) dw[i] += gr[i] * xr[i] * rs;
		}
	}
}

void archlab_l2_fwd(float *out, float *rinv, const float *x, long N, long C, float eps) {
	for (long r = 0; r < N; r++) {
		const float *xr = x + r * C;
		float *yr = out + r * C;
		float ri = (float)(1.0 / sqrt((double)(sdot(xr, xr, C) + eps)));
		rinv[r] = ri;
		__m128 rv = _mm_set1_ps(ri);
		long i = 0;
		for (; i + 4 <= C; i += 4) _mm_storeu_ps(yr + i, _mm_mul_ps(_mm_loadu_ps(xr + i), rv));
		for (; i < C; i++) yr[i] = xr[i] * ri;
	}
}

void archlab_l2_bwd(float *dx, const float *g, const float *y, const float *rinv, long N, long C) {
	for (long r = 0; r < N; r++) {
		const float *gr = g + r * C, *yr = y + r * C;
		float *d = dx + r * C;
		float dot = sdot(gr, yr, C), ri = rinv[r];
		__m128 dv = _mm_set1_ps(dot), rv = _mm_set1_ps(ri);
		long i = 0;
		for (; i + 4 <= C; i += 4) {
			__m128 t = _mm_mul_ps(rv, _mm_sub_ps(_mm_loadu_ps(gr + i), _mm_mul_ps(_mm_loadu_ps(yr + i), dv)));
			_mm_storeu_ps(d + i, _mm_add_ps(_mm_loadu_ps(d + i), t));
		}
		for (; i < C; i++) d[i] += ri * (gr[i] - yr[i] * dot);
	}
}

/* ---- SwiGLU (ops_nn.go swigluForward/Backward): x rows are [a | g] of
 * 2H, o = a·g·σ(g) with σ saved in s; same per-element operations as Go. */

void archlab_swiglu_fwd(float *o, float *s, const float *x, long N, long H) {
	for (long r = 0; r < N; r++) {
		const float *a = x + 2 * r * H, *g = a + H;
		float *orow = o + r * H, *srow = s + r * H;
		long i = 0;
		for (; i + 4 <= H; i += 4) {
			__m128 z = _mm_loadu_ps(g + i), si = sigmoid4(z);
			_mm_storeu_ps(srow + i, si);
			_mm_storeu_ps(orow + i, _mm_mul_ps(_mm_mul_ps(_mm_loadu_ps(a + i), z), si));
		}
		if (i < H) {
			long k = H - i;
			__m128 z = load_tail(g + i, k), si = sigmoid4(z);
			store_tail(srow + i, si, k);
			store_tail(orow + i, _mm_mul_ps(_mm_mul_ps(load_tail(a + i, k), z), si), k);
		}
	}
}

void archlab_swiglu_bwd(float *dx, const float *gy, const float *x, const float *s, long N, long H) {
	__m128 one = _mm_set1_ps(1.0f);
	for (long r = 0; r < N; r++) {
		const float *a = x + 2 * r * H, *g = a + H, *gr = gy + r * H, *srow = s + r * H;
		float *da = dx + 2 * r * H, *dg = da + H;
		long i = 0;
		for (; i + 4 <= H; i += 4) {
			__m128 z = _mm_loadu_ps(g + i), si = _mm_loadu_ps(srow + i), gv = _mm_loadu_ps(gr + i);
			__m128 ta = _mm_mul_ps(_mm_mul_ps(gv, z), si);
			__m128 tg = _mm_mul_ps(_mm_mul_ps(_mm_mul_ps(gv, _mm_loadu_ps(a + i)), si),
			                       _mm_add_ps(one, _mm_mul_ps(z, _mm_sub_ps(one, si))));
			_mm_storeu_ps(da + i, _mm_add_ps(_mm_loadu_ps(da + i), ta));
			_mm_storeu_ps(dg + i, _mm_add_ps(_mm_loadu_ps(dg + i), tg));
		}
		for (; i < H; i++) {
			float z = g[i], si = srow[i];
			da[i] += gr[i] * z * si;
			dg[i] += gr[i] * a[i] * si * (1 + z * (1 - si));
		}
	}
}
