//go:build cgo && !noblas

// See scan.h. Compiled by cgo; target_clones adds an AVX2+FMA copy chosen
// at load time, so the binary still runs on older x86-64. Each row of S is
// read once per token: the delta rule's S k, the update and the read-out
// S q are fused per row (row i of S_t depends only on row i of S_{t-1}).
// Reassociating float sums lets GCC vectorise the dot products.
#pragma GCC diagnostic ignored "-Wpsabi"
#pragma GCC optimize("O3", "no-math-errno", "associative-math", "no-signed-zeros", "no-trapping-math")
#include <math.h>
#include <string.h>
#include "scan.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define CLONES
#endif

#define INLINE static inline __attribute__((always_inline))

// step_row: next = a*prev + u kᵀ for one row, u = b (v − a prev·k) (delta)
// or v; returns next·q (the read-out before scale). r gets v − a prev·k.
INLINE float step_row(const int DK, const float *restrict pr, float *restrict nr,
	const float *restrict kt, const float *restrict qt, float vi, int delta, float b, float a,
	float *u, float *r) {
	float ui = vi;
	if (delta) {
		float kv = 0;
		for (int j = 0; j < DK; j++) kv += pr[j] * kt[j];
		float ri = vi - a * kv;
		*r = ri;
		ui = b * ri;
	}
	*u = ui;
	float acc = 0;
	for (int j = 0; j < DK; j++) {
		float s = a * pr[j] + ui * kt[j];
		nr[j] = s;
		acc += s * qt[j];
	}
	return acc;
}

INLINE void fwd(const int DK, int T, int DV, int chunk, float scale,
	const float *q, const float *k, const float *v, const float *beta, const float *g,
	long sk, long sv, long ss, float *o, float *states, float *S, float *u, float *r) {
	size_t n = (size_t)DV * DK;
	memset(S, 0, sizeof(float) * n);
	for (int t = 0; t < T; t++) {
		if (t % chunk == 0) memcpy(states + (size_t)(t / chunk) * n, S, sizeof(float) * n);
		float a = g ? expf(g[t * ss]) : 1.0f, b = beta ? beta[t * ss] : 0.0f;
		const float *qt = q + t * sk, *kt = k + t * sk, *vt = v + t * sv;
		float *ot = o + t * sv;
		for (int i = 0; i < DV; i++) {
			float *row = S + (size_t)i * DK;
			ot[i] = scale * step_row(DK, row, row, kt, qt, vt[i], beta != NULL, b, a, u + i, r + i);
		}
	}
}

// v8 is eight floats at any 4-byte alignment (GCC vector extension: one
// AVX register in the x86-64-v3 clone, two SSE ones otherwise).
typedef float v8 __attribute__((vector_size(32), aligned(4)));

// fwdv is fwd for DV = 8·NV with the state kept transposed, ST[j·DV + i] =
// S[i][j], so S k and the read-out S q become DK axpys along the rows,
// eight rows per vector, with u and the read-out held in registers and no
// horizontal sums (about 1.8x fwd at D 32). The chunk snapshots in states
// stay row-major for bwd. It does not fill u and r (bwd recomputes them).
INLINE void fwdv(const int DK, const int NV, int T, int chunk, float scale,
	const float *q, const float *k, const float *v, const float *beta, const float *g,
	long sk, long sv, long ss, float *o, float *states, float *S) {
	const int DV = 8 * NV;
	size_t n = (size_t)DV * DK;
	float *restrict ST = S;
	memset(ST, 0, sizeof(float) * n);
	for (int t = 0; t < T; t++) {
		if (t % chunk == 0) {
			float *restrict snap = states + (size_t)(t / chunk) * n;
			for (int j = 0; j < DK; j++)
				for (int i = 0; i < DV; i++) snap[(size_t)i * DK + j] = ST[(size_t)j * DV + i];
		}
		float a = g ? expf(g[t * ss]) : 1.0f, b = beta ? beta[t * ss] : 0.0f;
		const float *qt = q + t * sk, *kt = k + t * sk, *vt = v + t * sv;
		v8 uv[NV], acc[NV];
		if (beta) {
			for (int m = 0; m < NV; m++) acc[m] = (v8){0};
			for (int j = 0; j < DK; j++) {
				float kj = kt[j];
				for (int m = 0; m < NV; m++) acc[m] += *(const v8 *)(ST + (size_t)j * DV + 8 * m) * kj;
			}
			for (int m = 0; m < NV; m++) uv[m] = b * (*(const v8 *)(vt + 8 * m) - a * acc[m]);
		} else {
			for (int m = 0; m < NV; m++) uv[m] = *(const v8 *)(vt + 8 * m);
		}
		for (int m = 0; m < NV; m++) acc[m] = (v8){0};
		for (int j = 0; j < DK; j++) {
			float kj = kt[j], qj = qt[j];
			for (int m = 0; m < NV; m++) {
				v8 *sp = (v8 *)(ST + (size_t)j * DV + 8 * m);
				v8 x = a * *sp + uv[m] * kj;
				*sp = x;
				acc[m] += x * qj;
			}
		}
		for (int m = 0; m < NV; m++) *(v8 *)(o + t * sv + 8 * m) = scale * acc[m];
	}
}

#define SHUF __builtin_shufflevector

// hsum8 returns the eight horizontal sums of s[0..7] as one vector (lane r
// is Σ s[r]), by a three-level transpose-and-add.
INLINE v8 hsum8(const v8 *s) {
	v8 u0 = SHUF(s[0], s[1], 0, 8, 2, 10, 4, 12, 6, 14) + SHUF(s[0], s[1], 1, 9, 3, 11, 5, 13, 7, 15);
	v8 u1 = SHUF(s[2], s[3], 0, 8, 2, 10, 4, 12, 6, 14) + SHUF(s[2], s[3], 1, 9, 3, 11, 5, 13, 7, 15);
	v8 u2 = SHUF(s[4], s[5], 0, 8, 2, 10, 4, 12, 6, 14) + SHUF(s[4], s[5], 1, 9, 3, 11, 5, 13, 7, 15);
	v8 u3 = SHUF(s[6], s[7], 0, 8, 2, 10, 4, 12, 6, 14) + SHUF(s[6], s[7], 1, 9, 3, 11, 5, 13, 7, 15);
	v8 w0 = SHUF(u0, u1, 0, 1, 8, 9, 4, 5, 12, 13) + SHUF(u0, u1, 2, 3, 10, 11, 6, 7, 14, 15);
	v8 w1 = SHUF(u2, u3, 0, 1, 8, 9, 4, 5, 12, 13) + SHUF(u2, u3, 2, 3, 10, 11, 6, 7, 14, 15);
	return SHUF(w0, w1, 0, 1, 2, 3, 8, 9, 10, 11) + SHUF(w0, w1, 4, 5, 6, 7, 12, 13, 14, 15);
}

// step8 is step_row for all DV rows of a token (DK = 8·NK, DV a multiple
// of 8) without the read-out: the S k dots of eight rows are summed
// together by hsum8, so no row waits on its own horizontal sum.
INLINE void step8(const int DK, const int NK, int DV, const float *prev, float *next,
	const float *kt, const float *vt, int delta, float b, float a, float *u, float *r) {
	v8 kv8[NK];
	for (int m = 0; m < NK; m++) kv8[m] = *(const v8 *)(kt + 8 * m);
	for (int i0 = 0; i0 < DV; i0 += 8) {
		v8 uu = *(const v8 *)(vt + i0);
		if (delta) {
			v8 s[8];
			for (int rr = 0; rr < 8; rr++) {
				const float *pr = prev + (size_t)(i0 + rr) * DK;
				v8 acc = *(const v8 *)pr * kv8[0];
				for (int m = 1; m < NK; m++) acc += *(const v8 *)(pr + 8 * m) * kv8[m];
				s[rr] = acc;
			}
			v8 ri = uu - a * hsum8(s);
			*(v8 *)(r + i0) = ri;
			uu = b * ri;
		}
		*(v8 *)(u + i0) = uu;
		for (int rr = 0; rr < 8; rr++) {
			const float *pr = prev + (size_t)(i0 + rr) * DK;
			float *nr = next + (size_t)(i0 + rr) * DK;
			float ui = uu[rr];
			for (int m = 0; m < NK; m++) *(v8 *)(nr + 8 * m) = a * *(const v8 *)(pr + 8 * m) + ui * kv8[m];
		}
	}
}

INLINE float hsum1(const v8 *x) {
	float s = 0;
	for (int l = 0; l < 8; l++) s += (*x)[l];
	return s;
}

// sweep8 is one token of bwd's backward sweep (the loop over rows i) for
// DK = 8·NK and DV a multiple of 8: eight rows at a time, their dS·k dots
// summed together by hsum8, q, k and the dq, dk sums held in registers.
// It returns the token's dβ and da sums in *dbo, *dao.
INLINE void sweep8(const int DK, const int NK, int DV, const float *Sp, const float *Sc, float *dS,
	const float *ut, const float *rt, const float *qt, const float *kt, const float *dot,
	float *dqt, float *dkt, float *dvt, float scale, float a, float b, int hasBeta, int hasG,
	float *dbo, float *dao) {
	v8 q8[NK], k8[NK], dqa[NK], dka[NK], dav = {0}, dbv = {0};
	for (int m = 0; m < NK; m++) {
		q8[m] = *(const v8 *)(qt + 8 * m), k8[m] = *(const v8 *)(kt + 8 * m);
		dqa[m] = (v8){0}, dka[m] = (v8){0};
	}
	for (int i0 = 0; i0 < DV; i0 += 8) {
		v8 do8 = scale * *(const v8 *)(dot + i0), u8 = *(const v8 *)(ut + i0), s[8];
		for (int rr = 0; rr < 8; rr++) {
			float *dr = dS + (size_t)(i0 + rr) * DK;
			const float *sr = Sc + (size_t)(i0 + rr) * DK;
			float doi = do8[rr], ui = u8[rr];
			v8 acc = {0};
			for (int m = 0; m < NK; m++) {
				v8 d = *(v8 *)(dr + 8 * m) + doi * q8[m];
				*(v8 *)(dr + 8 * m) = d;
				dqa[m] += doi * *(const v8 *)(sr + 8 * m);
				acc += d * k8[m];
				dka[m] += ui * d;
			}
			s[rr] = acc;
		}
		v8 du8 = hsum8(s);
		if (hasBeta) {
			dbv += du8 * *(const v8 *)(rt + i0);
			*(v8 *)(dvt + i0) = *(v8 *)(dvt + i0) + b * du8;
			v8 w8 = -b * du8;
			for (int rr = 0; rr < 8; rr++) {
				float *dr = dS + (size_t)(i0 + rr) * DK;
				const float *pr = Sp + (size_t)(i0 + rr) * DK;
				float w = w8[rr], wa = w * a;
				for (int m = 0; m < NK; m++) {
					v8 p = *(const v8 *)(pr + 8 * m);
					v8 d = *(v8 *)(dr + 8 * m) + w * k8[m];
					dka[m] += wa * p;
					dav += d * p;
					*(v8 *)(dr + 8 * m) = a * d;
				}
			}
		} else {
			*(v8 *)(dvt + i0) = *(v8 *)(dvt + i0) + du8;
			if (hasG) {
				for (int rr = 0; rr < 8; rr++) {
					float *dr = dS + (size_t)(i0 + rr) * DK;
					const float *pr = Sp + (size_t)(i0 + rr) * DK;
					for (int m = 0; m < NK; m++) {
						v8 d = *(v8 *)(dr + 8 * m);
						dav += d * *(const v8 *)(pr + 8 * m);
						*(v8 *)(dr + 8 * m) = a * d;
					}
				}
			}
		}
	}
	for (int m = 0; m < NK; m++) {
		*(v8 *)(dqt + 8 * m) = *(v8 *)(dqt + 8 * m) + dqa[m];
		*(v8 *)(dkt + 8 * m) = *(v8 *)(dkt + 8 * m) + dka[m];
	}
	*dbo = hsum1(&dbv), *dao = hsum1(&dav);
}

INLINE void bwd(const int DK, int T, int DV, int chunk, float scale,
	const float *q, const float *k, const float *v, const float *beta, const float *g,
	long sk, long sv, long ss, const float *dout,
	float *dq, float *dk, float *dv, float *dbeta, float *dg,
	const float *states, float *S, float *u, float *r, float *dS) {
	size_t n = (size_t)DV * DK;
	int nc = (T + chunk - 1) / chunk;
	memset(dS, 0, sizeof(float) * n);
	for (int ch = nc - 1; ch >= 0; ch--) {
		int t0 = ch * chunk, t1 = t0 + chunk < T ? t0 + chunk : T;
		memcpy(S, states + (size_t)ch * n, sizeof(float) * n);
		for (int t = t0; t < t1; t++) {  // recompute S_t0+1 .. S_t1
			int li = t - t0;
			float a = g ? expf(g[t * ss]) : 1.0f, b = beta ? beta[t * ss] : 0.0f;
			const float *kt = k + t * sk, *vt = v + t * sv;
			const float *prev = S + (size_t)li * n;
			float *next = S + (size_t)(li + 1) * n;
			float *ut = u + (size_t)li * DV, *rt = r + (size_t)li * DV;
			if (DK % 8 == 0 && DV % 8 == 0)
				step8(DK, DK / 8 > 0 ? DK / 8 : 1, DV, prev, next, kt, vt, beta != NULL, b, a, ut, rt);
			else
				for (int i = 0; i < DV; i++)
					step_row(DK, prev + (size_t)i * DK, next + (size_t)i * DK, kt, kt, vt[i], beta != NULL, b, a, ut + i, rt + i);
		}
		for (int t = t1 - 1; t >= t0; t--) {
			int li = t - t0;
			const float *Sp = S + (size_t)li * n, *Sc = S + (size_t)(li + 1) * n;
			const float *ut = u + (size_t)li * DV, *rt = r + (size_t)li * DV;
			const float *restrict qt = q + t * sk, *restrict kt = k + t * sk, *dot = dout + t * sv;
			float *restrict dqt = dq + t * sk, *restrict dkt = dk + t * sk, *dvt = dv + t * sv;
			float a = g ? expf(g[t * ss]) : 1.0f;
			float b = beta ? beta[t * ss] : 0.0f, db = 0, da = 0;
			if (DK % 8 == 0 && DV % 8 == 0) {
				sweep8(DK, DK / 8 > 0 ? DK / 8 : 1, DV, Sp, Sc, dS, ut, rt, qt, kt, dot, dqt, dkt, dvt, scale, a, b,
					beta != NULL, g != NULL, &db, &da);
				if (beta) dbeta[t * ss] += db;
				if (g) dg[t * ss] += da * a;
				continue;
			}
			float dqa[DK], dka[DK];
			for (int j = 0; j < DK; j++) dqa[j] = 0, dka[j] = 0;
			for (int i = 0; i < DV; i++) {
				float *restrict dr = dS + (size_t)i * DK;
				const float *restrict sr = Sc + (size_t)i * DK;
				const float *restrict pr = Sp + (size_t)i * DK;
				float doi = scale * dot[i], ui = ut[i], du = 0;
				for (int j = 0; j < DK; j++) {
					float d = dr[j] + doi * qt[j];
					dr[j] = d;
					dqa[j] += doi * sr[j];
					du += d * kt[j];
					dka[j] += ui * d;
				}
				if (beta) {
					db += du * rt[i];
					dvt[i] += b * du;
					float w = -b * du, wa = w * a;
					for (int j = 0; j < DK; j++) {
						float d = dr[j] + w * kt[j];
						dka[j] += wa * pr[j];
						da += d * pr[j];
						dr[j] = a * d;
					}
				} else {
					dvt[i] += du;
					if (g) {
						for (int j = 0; j < DK; j++) {
							da += dr[j] * pr[j];
							dr[j] *= a;
						}
					}
				}
			}
			for (int j = 0; j < DK; j++) dqt[j] += dqa[j], dkt[j] += dka[j];
			if (beta) dbeta[t * ss] += db;
			if (g) dg[t * ss] += da * a;
		}
	}
}

// The head widths of the reference models get fully unrolled copies.
CLONES
void archlab_scan_fwd_f32(int T, int DK, int DV, int chunk, float scale,
	const float *q, const float *k, const float *v, const float *beta, const float *g,
	long sk, long sv, long ss, float *o, float *states, float *S, float *u, float *r) {
	if (DV == DK && (DK == 16 || DK == 32 || DK == 64)) {
		switch (DK) {
		case 16: fwdv(16, 2, T, chunk, scale, q, k, v, beta, g, sk, sv, ss, o, states, S); return;
		case 32: fwdv(32, 4, T, chunk, scale, q, k, v, beta, g, sk, sv, ss, o, states, S); return;
		case 64: fwdv(64, 8, T, chunk, scale, q, k, v, beta, g, sk, sv, ss, o, states, S); return;
		}
	}
	switch (DK) {
	case 16: fwd(16, T, DV, chunk, scale, q, k, v, beta, g, sk, sv, ss, o, states, S, u, r); break;
	case 32: fwd(32, T, DV, chunk, scale, q, k, v, beta, g, sk, sv, ss, o, states, S, u, r); break;
	case 64: fwd(64, T, DV, chunk, scale, q, k, v, beta, g, sk, sv, ss, o, states, S, u, r); break;
	default: fwd(DK, T, DV, chunk, scale, q, k, v, beta, g, sk, sv, ss, o, states, S, u, r);
	}
}

// Backward ADDS into dq, dk, dv, dbeta, dg (dbeta, dg only with beta, g).
CLONES
void archlab_scan_bwd_f32(int T, int DK, int DV, int chunk, float scale,
	const float *q, const float *k, const float *v, const float *beta, const float *g,
	long sk, long sv, long ss, const float *dout,
	float *dq, float *dk, float *dv, float *dbeta, float *dg,
	const float *states, float *S, float *u, float *r, float *dS) {
	switch (DK) {
	case 16: bwd(16, T, DV, chunk, scale, q, k, v, beta, g, sk, sv, ss, dout, dq, dk, dv, dbeta, dg, states, S, u, r, dS); break;
	case 32: bwd(32, T, DV, chunk, scale, q, k, v, beta, g, sk, sv, ss, dout, dq, dk, dv, dbeta, dg, states, S, u, r, dS); break;
	case 64: bwd(64, T, DV, chunk, scale, q, k, v, beta, g, sk, sv, ss, dout, dq, dk, dv, dbeta, dg, states, S, u, r, dS); break;
	default: bwd(DK, T, DV, chunk, scale, q, k, v, beta, g, sk, sv, ss, dout, dq, dk, dv, dbeta, dg, states, S, u, r, dS);
	}
}

CLONES
void archlab_mm_nn_f32(float *restrict c, const float *restrict a, const float *restrict b, int m, int n, int k) {
	for (int i = 0; i < m; i++) {
		float *restrict cr = c + (size_t)i * n;
		for (int p = 0; p < k; p++) {
			float aip = a[(size_t)i * k + p];
			if (aip == 0) continue;
			const float *restrict br = b + (size_t)p * n;
			for (int j = 0; j < n; j++) cr[j] += aip * br[j];
		}
	}
}

CLONES
void archlab_mm_nt_f32(float *restrict c, const float *restrict a, const float *restrict b, int m, int n, int k) {
	for (int i = 0; i < m; i++) {
		const float *restrict ar = a + (size_t)i * k;
		for (int j = 0; j < n; j++) {
			const float *restrict br = b + (size_t)j * k;
			float s = 0;
			for (int p = 0; p < k; p++) s += ar[p] * br[p];
			c[(size_t)i * n + j] += s;
		}
	}
}

CLONES
void archlab_mm_tn_f32(float *restrict c, const float *restrict a, const float *restrict b, int m, int n, int k) {
	for (int p = 0; p < k; p++) {
		const float *restrict ar = a + (size_t)p * m;
		const float *restrict br = b + (size_t)p * n;
		for (int i = 0; i < m; i++) {
			float api = ar[i];
			if (api == 0) continue;
			float *restrict cr = c + (size_t)i * n;
			for (int j = 0; j < n; j++) cr[j] += api * br[j];
		}
	}
}
