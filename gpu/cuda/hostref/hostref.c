/*
 * hostref.c: archlab_gpu.h on host memory, in plain C. It is the
 * reference twin of archlab_cuda.cu: "device" memory is malloc'd, the
 * product is three loops accumulated in double (as gpu.NaiveGemm). It
 * lets CI exercise gpu/cuda's bindings and the conformance suite with no
 * GPU; ag_device_info says is_accelerator = 0, so --device auto never
 * picks it.
 *
 *	cc -std=c11 -O2 -shared -fPIC -o libarchlab_hostref.so gpu/cuda/hostref/hostref.c
 *
 * (install/build-gpu-lib.sh does this.)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../archlab_gpu.h"
#include "../archlab_gpu_check.h"

/* alloc is one live allocation, kept in a list so ag_free can refuse a
 * pointer it did not hand out and ag_shutdown can free what is left. */
struct alloc {
	void *p;
	size_t bytes;
	int host; /* from ag_host_alloc */
	struct alloc *next;
};

struct ag_context {
	char err[512];
	struct alloc *allocs;
	uint64_t live_bytes;
};

static _Thread_local char init_err[512];

static int fail(ag_context *ctx, int status, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	vsnprintf(ctx->err, sizeof ctx->err, format, ap);
	va_end(ap);
	return status;
}

int ag_api_version(void) { return AG_API_VERSION; }

const char *ag_status_string(int status) { return ag_status_name(status); }

const char *ag_last_error(const ag_context *ctx) { return ctx ? ctx->err : init_err; }

int ag_init(int device, ag_context **out)
{
	if (out == NULL) {
		snprintf(init_err, sizeof init_err, "init: NULL out");
		return AG_ERR_INVALID;
	}
	if (device != 0) {
		snprintf(init_err, sizeof init_err, "init: device %d: the host reference has one device, 0", device);
		return AG_ERR_NO_DEVICE;
	}
	ag_context *ctx = calloc(1, sizeof *ctx);
	if (ctx == NULL) {
		snprintf(init_err, sizeof init_err, "init: out of host memory");
		return AG_ERR_OUT_OF_MEMORY;
	}
	init_err[0] = 0;
	*out = ctx;
	return AG_OK;
}

int ag_shutdown(ag_context *ctx)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	for (struct alloc *a = ctx->allocs, *next; a != NULL; a = next) {
		next = a->next;
		free(a->p);
		free(a);
	}
	free(ctx);
	return AG_OK;
}

int ag_get_device_info(ag_context *ctx, ag_device_info *out)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (out == NULL)
		return fail(ctx, AG_ERR_INVALID, "get_device_info: NULL out");
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "host reference (no GPU)");
	snprintf(out->impl, sizeof out->impl, "hostref");
	out->free_bytes = 0;
	out->total_bytes = 0;
	return AG_OK;
}

static int alloc(ag_context *ctx, const char *what, int host, size_t bytes, void **out)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (out == NULL || bytes == 0)
		return fail(ctx, AG_ERR_INVALID, "%s: %s", what, out == NULL ? "NULL out" : "0 bytes");
	struct alloc *a = malloc(sizeof *a);
	void *p = host ? calloc(1, bytes) : malloc(bytes);
	if (a == NULL || p == NULL) {
		free(a);
		free(p);
		return fail(ctx, AG_ERR_OUT_OF_MEMORY, "%s: %zu bytes: out of host memory", what, bytes);
	}
	a->p = p;
	a->bytes = bytes;
	a->host = host;
	a->next = ctx->allocs;
	ctx->allocs = a;
	ctx->live_bytes += bytes;
	*out = p;
	return AG_OK;
}

int ag_alloc(ag_context *ctx, size_t bytes, void **out) { return alloc(ctx, "alloc", 0, bytes, out); }

int ag_host_alloc(ag_context *ctx, size_t bytes, void **out) { return alloc(ctx, "host_alloc", 1, bytes, out); }

static int release(ag_context *ctx, const char *what, int host, void *p)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (p == NULL)
		return AG_OK;
	for (struct alloc **a = &ctx->allocs; *a != NULL; a = &(*a)->next) {
		if ((*a)->p == p && (*a)->host == host) {
			struct alloc *dead = *a;
			*a = dead->next;
			ctx->live_bytes -= dead->bytes;
			free(dead->p);
			free(dead);
			return AG_OK;
		}
	}
	return fail(ctx, AG_ERR_INVALID, "%s: %p was not allocated by this context", what, p);
}

int ag_free(ag_context *ctx, void *p) { return release(ctx, "free", 0, p); }

int ag_host_free(ag_context *ctx, void *p) { return release(ctx, "host_free", 1, p); }

static int copy(ag_context *ctx, const char *what, void *dst, const void *src, size_t bytes)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (bytes == 0)
		return AG_OK;
	if (dst == NULL || src == NULL)
		return fail(ctx, AG_ERR_INVALID, "%s: NULL pointer", what);
	memmove(dst, src, bytes);
	return AG_OK;
}

int ag_copy_h2d(ag_context *ctx, void *dst, const void *src, size_t bytes)
{
	return copy(ctx, "copy_h2d", dst, src, bytes);
}

int ag_copy_d2h(ag_context *ctx, void *dst, const void *src, size_t bytes)
{
	return copy(ctx, "copy_d2h", dst, src, bytes);
}

int ag_synchronize(ag_context *ctx) { return ctx == NULL ? AG_ERR_INVALID : AG_OK; }

int ag_sgemm(ag_context *ctx, const ag_sgemm_args *g)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	int st = ag_check_sgemm(g, ctx->err, sizeof ctx->err);
	if (st != AG_OK)
		return st;
	int64_t batch = g->batch > 1 ? g->batch : 1;
	for (int64_t bi = 0; bi < batch; bi++) {
		const float *a = g->a + bi * g->stride_a;
		const float *b = g->b + bi * g->stride_b;
		float *c = g->c + bi * g->stride_c;
		float beta = (bi > 0 && g->stride_c == 0) ? 1.0f : g->beta;
		for (int64_t i = 0; i < g->m; i++) {
			for (int64_t j = 0; j < g->n; j++) {
				double s = 0;
				for (int64_t k = 0; k < g->k; k++) {
					float av = g->trans_a ? a[k * g->lda + i] : a[i * g->lda + k];
					float bv = g->trans_b ? b[j * g->ldb + k] : b[k * g->ldb + j];
					s += (double)av * (double)bv;
				}
				float *ci = &c[i * g->ldc + j];
				*ci = beta == 0 ? g->alpha * (float)s : g->alpha * (float)s + beta * *ci;
			}
		}
	}
	return AG_OK;
}

int ag_sscal(ag_context *ctx, int64_t n, float alpha, float *x)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (n < 0 || (n > 0 && x == NULL))
		return fail(ctx, AG_ERR_INVALID, "sscal: n=%lld x=%p", (long long)n, (void *)x);
	for (int64_t i = 0; i < n; i++)
		x[i] = alpha == 0 ? 0 : alpha * x[i];
	return AG_OK;
}

int ag_saxpy(ag_context *ctx, int64_t n, float alpha, const float *x, float *y)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (n < 0 || (n > 0 && (x == NULL || y == NULL)))
		return fail(ctx, AG_ERR_INVALID, "saxpy: n=%lld x=%p y=%p", (long long)n, (const void *)x, (void *)y);
	for (int64_t i = 0; i < n; i++)
		y[i] += alpha * x[i];
	return AG_OK;
}
