/*
 * bind.h: the cgo side of package gpu/cuda. ag_load finds
 * archlab_gpu.h's functions in a library opened with dlopen; the ag_go_*
 * trampolines call through them (cgo cannot call a function pointer).
 * Device pointers cross to Go as uintptr_t, so Go never holds them as
 * pointers. Included by the package's Go files only.
 */
#ifndef ARCHLAB_GPU_BIND_H
#define ARCHLAB_GPU_BIND_H

#include <dlfcn.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include "archlab_gpu.h"

// ag_fns is archlab_gpu.h's functions, found by dlsym.
typedef struct {
	int (*api_version)(void);
	const char *(*status_string)(int);
	const char *(*last_error)(const ag_context *);
	int (*init)(int, ag_context **);
	int (*shutdown)(ag_context *);
	int (*get_device_info)(ag_context *, ag_device_info *);
	int (*alloc)(ag_context *, size_t, void **);
	int (*free)(ag_context *, void *);
	int (*host_alloc)(ag_context *, size_t, void **);
	int (*host_free)(ag_context *, void *);
	int (*copy_h2d)(ag_context *, void *, const void *, size_t);
	int (*copy_d2h)(ag_context *, void *, const void *, size_t);
	int (*synchronize)(ag_context *);
	int (*sgemm)(ag_context *, const ag_sgemm_args *);
	int (*sscal)(ag_context *, int64_t, float, float *);
	int (*saxpy)(ag_context *, int64_t, float, const float *, float *);
} ag_fns;

// ag_load dlopens path and fills f, checking the API version before any
// other symbol. On failure it returns NULL with one line in err.
static void *ag_load(const char *path, ag_fns *f, char *err, size_t n) {
	dlerror();
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		snprintf(err, n, "%s", dlerror());
		return NULL;
	}
#define AG_SYM(field, name) \
	do { \
		*(void **)(&f->field) = dlsym(h, name); \
		if (f->field == NULL) { \
			snprintf(err, n, "missing symbol %s (not an archlab_gpu.h library?)", name); \
			dlclose(h); \
			return NULL; \
		} \
	} while (0)
	AG_SYM(api_version, "ag_api_version");
	int v = f->api_version();
	if (v != AG_API_VERSION) {
		snprintf(err, n, "API version %d, this archlab wants %d (rebuild the library from this checkout)", v, AG_API_VERSION);
		dlclose(h);
		return NULL;
	}
	AG_SYM(status_string, "ag_status_string");
	AG_SYM(last_error, "ag_last_error");
	AG_SYM(init, "ag_init");
	AG_SYM(shutdown, "ag_shutdown");
	AG_SYM(get_device_info, "ag_get_device_info");
	AG_SYM(alloc, "ag_alloc");
	AG_SYM(free, "ag_free");
	AG_SYM(host_alloc, "ag_host_alloc");
	AG_SYM(host_free, "ag_host_free");
	AG_SYM(copy_h2d, "ag_copy_h2d");
	AG_SYM(copy_d2h, "ag_copy_d2h");
	AG_SYM(synchronize, "ag_synchronize");
	AG_SYM(sgemm, "ag_sgemm");
	AG_SYM(sscal, "ag_sscal");
	AG_SYM(saxpy, "ag_saxpy");
#undef AG_SYM
	return h;
}

// The trampolines below call through f. Device pointers cross as
// uintptr_t so that Go never holds them as pointers.

static int ag_go_init(ag_fns *f, int device, ag_context **out, char *err, size_t n) {
	int st = f->init(device, out);
	if (st != AG_OK) {
		snprintf(err, n, "%s", f->last_error(NULL)); // the same thread as init
	}
	return st;
}
static int ag_go_shutdown(ag_fns *f, ag_context *c) { return f->shutdown(c); }
static const char *ag_go_last_error(ag_fns *f, ag_context *c) { return f->last_error(c); }
static const char *ag_go_status_string(ag_fns *f, int st) { return f->status_string(st); }
static int ag_go_info(ag_fns *f, ag_context *c, ag_device_info *out) { return f->get_device_info(c, out); }
static int ag_go_alloc(ag_fns *f, ag_context *c, size_t bytes, uintptr_t *out) {
	void *p = NULL;
	int st = f->alloc(c, bytes, &p);
	*out = (uintptr_t)p;
	return st;
}
static int ag_go_free(ag_fns *f, ag_context *c, uintptr_t p) { return f->free(c, (void *)p); }
static int ag_go_host_alloc(ag_fns *f, ag_context *c, size_t bytes, void **out) { return f->host_alloc(c, bytes, out); }
static int ag_go_host_free(ag_fns *f, ag_context *c, void *p) { return f->host_free(c, p); }
static int ag_go_h2d(ag_fns *f, ag_context *c, uintptr_t dst, const void *src, size_t bytes) {
	return f->copy_h2d(c, (void *)dst, src, bytes);
}
static int ag_go_d2h(ag_fns *f, ag_context *c, void *dst, uintptr_t src, size_t bytes) {
	return f->copy_d2h(c, dst, (const void *)src, bytes);
}
static int ag_go_sync(ag_fns *f, ag_context *c) { return f->synchronize(c); }

typedef struct {
	int32_t trans_a, trans_b;
	int64_t m, n, k;
	float alpha, beta;
	uintptr_t a, b, c;
	int64_t lda, ldb, ldc;
	int64_t batch, stride_a, stride_b, stride_c;
} ag_go_sgemm_args;

static int ag_go_sgemm(ag_fns *f, ag_context *c, const ag_go_sgemm_args *g) {
	ag_sgemm_args a = {
		.trans_a = g->trans_a, .trans_b = g->trans_b,
		.m = g->m, .n = g->n, .k = g->k, .alpha = g->alpha, .beta = g->beta,
		.a = (const float *)g->a, .lda = g->lda,
		.b = (const float *)g->b, .ldb = g->ldb,
		.c = (float *)g->c, .ldc = g->ldc,
		.batch = g->batch, .stride_a = g->stride_a, .stride_b = g->stride_b, .stride_c = g->stride_c,
	};
	return f->sgemm(c, &a);
}
static int ag_go_sscal(ag_fns *f, ag_context *c, int64_t n, float alpha, uintptr_t x) {
	return f->sscal(c, n, alpha, (float *)x);
}
static int ag_go_saxpy(ag_fns *f, ag_context *c, int64_t n, float alpha, uintptr_t x, uintptr_t y) {
	return f->saxpy(c, n, alpha, (const float *)x, (float *)y);
}

#endif /* ARCHLAB_GPU_BIND_H */
