/*
 * archlab_gpu_check.h: argument checks shared by the implementations of
 * archlab_gpu.h, so the host reference and the CUDA library refuse the
 * same calls with the same messages.
 */
#ifndef ARCHLAB_GPU_CHECK_H
#define ARCHLAB_GPU_CHECK_H

#include <stdio.h>

#include "archlab_gpu.h"

/* ag_max64 is the larger of a and b. */
static inline int64_t ag_max64(int64_t a, int64_t b) { return a > b ? a : b; }

/*
 * ag_check_sgemm returns AG_OK for valid arguments, else AG_ERR_INVALID
 * with one line in msg (size n) saying which.
 */
static inline int ag_check_sgemm(const ag_sgemm_args *g, char *msg, size_t n)
{
	if (g == NULL) {
		snprintf(msg, n, "sgemm: NULL arguments");
		return AG_ERR_INVALID;
	}
	if (g->m < 0 || g->n < 0 || g->k < 0 || g->batch < 0) {
		snprintf(msg, n, "sgemm: negative size m=%lld n=%lld k=%lld batch=%lld",
			(long long)g->m, (long long)g->n, (long long)g->k, (long long)g->batch);
		return AG_ERR_INVALID;
	}
	if (g->stride_a < 0 || g->stride_b < 0 || g->stride_c < 0) {
		snprintf(msg, n, "sgemm: negative stride");
		return AG_ERR_INVALID;
	}
	int64_t rowa = g->trans_a ? g->m : g->k, rowb = g->trans_b ? g->k : g->n;
	/* With k = 0, A and B are not read and their strides do not matter. */
	int64_t needa = g->k > 0 ? ag_max64(1, rowa) : 0, needb = g->k > 0 ? ag_max64(1, rowb) : 0;
	if (g->lda < needa || g->ldb < needb || g->ldc < ag_max64(1, g->n)) {
		snprintf(msg, n, "sgemm: leading dimensions lda=%lld ldb=%lld ldc=%lld below rows of %lld, %lld, %lld",
			(long long)g->lda, (long long)g->ldb, (long long)g->ldc,
			(long long)needa, (long long)needb, (long long)ag_max64(1, g->n));
		return AG_ERR_INVALID;
	}
	if (g->m > 0 && g->n > 0 && (g->c == NULL || (g->k > 0 && (g->a == NULL || g->b == NULL)))) {
		snprintf(msg, n, "sgemm: NULL operand");
		return AG_ERR_INVALID;
	}
	return AG_OK;
}

static inline const char *ag_status_name(int status)
{
	switch (status) {
	case AG_OK:
		return "ok";
	case AG_ERR_INVALID:
		return "invalid argument";
	case AG_ERR_NO_DEVICE:
		return "no device";
	case AG_ERR_OUT_OF_MEMORY:
		return "out of memory";
	case AG_ERR_DEVICE:
		return "device error";
	}
	return "unknown status";
}

#endif /* ARCHLAB_GPU_CHECK_H */
