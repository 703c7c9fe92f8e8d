/*
 * archlab_gpu.h: the flat C API of an archlab device backend, version 1.
 *
 * One header, two implementations: archlab_cuda.cu (CUDA runtime and
 * cuBLAS; built by install/build-cuda.sh into libarchlab_cuda.so) and
 * hostref/hostref.c (plain C on host memory; built by
 * install/build-gpu-lib.sh, and by gpu/cuda's tests, so the Go bindings
 * and the conformance suite run without a GPU). package gpu/cuda loads
 * either at run time with dlopen and checks ag_api_version() first.
 *
 * Conventions:
 *  - Every function but ag_api_version, ag_status_string and
 *    ag_last_error returns an ag_status; on failure
 *    ag_last_error(ctx) holds one line saying what failed and why.
 *  - Pointers called "device" are returned by ag_alloc and are only
 *    passed back to this API (on the host reference they happen to be
 *    host pointers; never dereference them from the caller).
 *  - Sizes are in bytes for memory, in elements (floats) elsewhere.
 *  - A context is used by one thread at a time (the Go side holds a lock);
 *    every call is synchronous with respect to the host: when a copy to
 *    the host returns, the data is there.
 */
#ifndef ARCHLAB_GPU_H
#define ARCHLAB_GPU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define AG_API_VERSION 1

typedef enum {
	AG_OK = 0,
	AG_ERR_INVALID = 1,       /* a bad argument: NULL, a negative size, ld smaller than a row */
	AG_ERR_NO_DEVICE = 2,     /* no usable device: no driver, no GPU, a bad device index */
	AG_ERR_OUT_OF_MEMORY = 3, /* the allocation does not fit */
	AG_ERR_DEVICE = 4         /* the device or a library under it (CUDA runtime, cuBLAS) failed */
} ag_status;

/* ag_context is one device opened by ag_init. */
typedef struct ag_context ag_context;

typedef struct {
	char name[256];         /* e.g. "NVIDIA H100 80GB HBM3", or "host reference (no GPU)" */
	char impl[32];          /* "cublas" or "hostref" */
	int32_t is_accelerator; /* 1 when memory and kernels are on a device other than the host CPU */
	int32_t cc_major;       /* CUDA compute capability, e.g. 9 and 0; 0 and 0 on the host reference */
	int32_t cc_minor;
	int32_t runtime_version; /* CUDA runtime and driver versions, e.g. 12040; 0 on the host reference */
	int32_t driver_version;
	uint64_t total_bytes;   /* device memory; 0 when unknown */
	uint64_t free_bytes;
} ag_device_info;

/*
 * ag_sgemm_args is one (batched) product C = alpha·op(A)·op(B) + beta·C
 * in row-major layout, exactly gpu.Gemm's meaning: op(A) is m×k, op(B)
 * is k×n, C is m×n; A is stored m×k (k×m when trans_a) with row stride
 * lda, B k×n (n×k when trans_b) with row stride ldb, C with row stride
 * ldc. batch > 1 repeats the product, item i using a, b, c offset by
 * i·stride_a, i·stride_b, i·stride_c elements; stride_a or stride_b 0
 * shares that operand; stride_c 0 sums every item's product into the one
 * C (beta applied once, before the first item). k = 0 computes C = beta·C
 * and reads neither A nor B (lda and ldb are then not checked).
 * beta = 0 does not read C (NaNs in it do not propagate).
 */
typedef struct {
	int32_t trans_a, trans_b; /* 0 or 1 */
	int64_t m, n, k;
	float alpha, beta;
	const float *a; /* device */
	int64_t lda;
	const float *b; /* device */
	int64_t ldb;
	float *c; /* device */
	int64_t ldc;
	int64_t batch; /* 0 or 1: one product */
	int64_t stride_a, stride_b, stride_c;
} ag_sgemm_args;

/* ag_api_version returns AG_API_VERSION of the header the library was built from. */
int ag_api_version(void);

/* ag_status_string names a status, e.g. "out of memory"; never NULL. */
const char *ag_status_string(int status);

/*
 * ag_last_error returns the message of the last failure on ctx, or ""
 * when none. With ctx NULL it returns that of the last failed ag_init on
 * the calling thread. Never NULL; valid until the next call on ctx.
 */
const char *ag_last_error(const ag_context *ctx);

/* ag_init opens device number `device` (0: the first visible) into *out. */
int ag_init(int device, ag_context **out);

/* ag_shutdown frees every buffer still allocated and the context itself. */
int ag_shutdown(ag_context *ctx);

int ag_get_device_info(ag_context *ctx, ag_device_info *out);

/* ag_alloc allocates bytes of device memory (bytes > 0) into *out. */
int ag_alloc(ag_context *ctx, size_t bytes, void **out);
/* ag_free frees a pointer from ag_alloc; NULL is allowed and does nothing. */
int ag_free(ag_context *ctx, void *p);

/*
 * ag_host_alloc allocates bytes (> 0) of zeroed host memory that copies
 * to and from the device read and write fastest (page-locked on CUDA);
 * the caller may use it as ordinary memory. ag_host_free frees it (NULL
 * does nothing); ag_shutdown frees what is left.
 */
int ag_host_alloc(ag_context *ctx, size_t bytes, void **out);
int ag_host_free(ag_context *ctx, void *p);

/* ag_copy_h2d copies bytes from host src to device dst; ag_copy_d2h back. */
int ag_copy_h2d(ag_context *ctx, void *dst, const void *src, size_t bytes);
int ag_copy_d2h(ag_context *ctx, void *dst, const void *src, size_t bytes);

/* ag_synchronize waits for everything queued on ctx. */
int ag_synchronize(ag_context *ctx);

int ag_sgemm(ag_context *ctx, const ag_sgemm_args *g);

/* ag_sscal computes x = alpha·x over n elements (alpha = 0 writes zeros). */
int ag_sscal(ag_context *ctx, int64_t n, float alpha, float *x);
/* ag_saxpy computes y = alpha·x + y over n elements. */
int ag_saxpy(ag_context *ctx, int64_t n, float alpha, const float *x, float *y);

#ifdef __cplusplus
}
#endif

#endif /* ARCHLAB_GPU_H */
