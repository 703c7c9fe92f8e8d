//go:build cgo && !purego

// See scan.h. Compiled by cgo; target_clones adds an AVX2+FMA copy chosen
// at load time, so the binary still runs on older x86-64.
// Reassociating float sums lets GCC vectorise the dot products.
#pragma GCC optimize("O3", "no-math-errno", "associative-math", "no-signed-zeros", "no-trapping-math")
#include <math.h>
#include <string.h>
#include "scan.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CLONES __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define CLONES
#endif

// step: next = a*prev + u kᵀ, with u = beta (v − a prev k) (beta != NULL) or v.
static inline float step(int DK, int DV, const float *restrict prev, float *restrict next,
	const float *restrict kt, const float *restrict vt, const float *beta, const float *g,
	float *restrict u, float *restrict r) {
	float a = g ? expf(*g) : 1.0f;
	if (beta) {
		float b = *beta;
		for (int i = 0; i < DV; i++) {
			const float *pr = prev + (size_t)i * DK;
			float kv = 0;
			for (int j = 0; j < DK; j++) kv += pr[j] * kt[j];
			r[i] = vt[i] - a * kv;
			u[i] = b * r[i];
		}
	} else {
		memcpy(u, vt, sizeof(float) * DV);
	}
	for (int i = 0; i < DV; i++) {
		const float *pr = prev + (size_t)i * DK;
		float *nr = next + (size_t)i * DK;
		float ui = u[i];
		for (int j = 0; j < DK; j++) nr[j] = a * pr[j] + ui * kt[j];
	}
	return a;
}

CLONES
void archlab_scan_fwd_f32(int T, int DK, int DV, int chunk, float scale,
	const float *q, const float *k, const float *v, const float *beta, const float *g,
	long sk, long sv, long ss, float *o, float *states, float *S, float *u, float *r) {
	size_t n = (size_t)DV * DK;
	float *cur = S, *nxt = S + n;
	memset(cur, 0, sizeof(float) * n);
	for (int t = 0; t < T; t++) {
		if (t % chunk == 0) memcpy(states + (size_t)(t / chunk) * n, cur, sizeof(float) * n);
		step(DK, DV, cur, nxt, k + t * sk, v + t * sv, beta ? beta + t * ss : NULL,
			g ? g + t * ss : NULL, u, r);
		float *tmp = cur; cur = nxt; nxt = tmp;
		const float *qt = q + t * sk;
		float *ot = o + t * sv;
		for (int i = 0; i < DV; i++) {
			const float *row = cur + (size_t)i * DK;
			float acc = 0;
			for (int j = 0; j < DK; j++) acc += row[j] * qt[j];
			ot[i] = acc * scale;
		}
	}
}

// Backward ADDS into dq, dk, dv, dbeta, dg (any may be NULL when beta/g are).
CLONES
void archlab_scan_bwd_f32(int T, int DK, int DV, int chunk, float scale,
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
		for (int t = t0; t < t1; t++) {
			int i = t - t0;
			step(DK, DV, S + (size_t)i * n, S + (size_t)(i + 1) * n, k + t * sk, v + t * sv,
				beta ? beta + t * ss : NULL, g ? g + t * ss : NULL, u + (size_t)i * DV, r + (size_t)i * DV);
		}
		for (int t = t1 - 1; t >= t0; t--) {
			int li = t - t0;
			const float *Sp = S + (size_t)li * n, *Sc = S + (size_t)(li + 1) * n;
			const float *ut = u + (size_t)li * DV, *rt = r + (size_t)li * DV;
			const float *qt = q + t * sk, *kt = k + t * sk, *dot = dout + t * sv;
			float *dqt = dq + t * sk, *dkt = dk + t * sk, *dvt = dv + t * sv;
			float a = g ? expf(g[t * ss]) : 1.0f;
			float b = beta ? beta[t * ss] : 0.0f, db = 0, da = 0;
			for (int i = 0; i < DV; i++) {
				float *restrict dr = dS + (size_t)i * DK;
				const float *restrict sr = Sc + (size_t)i * DK;
				const float *restrict pr = Sp + (size_t)i * DK;
				float doi = scale * dot[i], ui = ut[i], du = 0;
				for (int j = 0; j < DK; j++) {
					float d = dr[j] + doi * qt[j];
					dr[j] = d;
					dqt[j] += doi * sr[j];
					du += d * kt[j];
					dkt[j] += ui * d;
				}
				if (beta) {
					db += du * rt[i];
					dvt[i] += b * du;
					float w = -b * du, wa = w * a;
					for (int j = 0; j < DK; j++) {
						float d = dr[j] + w * kt[j];
						dkt[j] += wa * pr[j];
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
			if (beta) dbeta[t * ss] += db;
			if (g) dg[t * ss] += da * a;
		}
	}
}
