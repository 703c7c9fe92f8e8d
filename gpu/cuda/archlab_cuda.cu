/*
 * archlab_cuda.cu: archlab_gpu.h on an NVIDIA GPU, with the CUDA runtime
 * for memory and copies and cuBLAS for products. Built into
 * libarchlab_cuda.so by install/build-cuda.sh; checked by gpu/cuda's tests
 * against the CPU backend (gpu/cuda/NOTES.md says how, and what has been
 * run).
 *
 * Row-major products map onto column-major cuBLAS by computing Cᵀ:
 * Cᵀ (n×m) = op(B)ᵀ · op(A)ᵀ, so cublasSgemm gets B before A, n before m,
 * and each operand's own transpose flag (a row-major m×k matrix with row
 * stride lda is a column-major k×m matrix with leading dimension lda).
 *
 * Every entry point first makes ctx's device current on the calling
 * thread (Go calls arrive on any OS thread), and queues work on ctx's
 * one stream; copies wait for the stream, so errors of earlier kernels
 * surface at the next copy or ag_synchronize at the latest.
 */
#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "archlab_gpu.h"
#include "archlab_gpu_check.h"

struct ag_alloc_node {
	void *p;
	int host; // from ag_host_alloc (cudaHostAlloc), else cudaMalloc
	ag_alloc_node *next;
};

struct ag_context {
	int device;
	cudaStream_t stream;
	cublasHandle_t blas;
	ag_alloc_node *allocs; // live allocations, freed by ag_shutdown
	char err[512];
};

static thread_local char init_err[512];

static int fail(ag_context *ctx, int status, const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	vsnprintf(ctx->err, sizeof ctx->err, format, ap);
	va_end(ap);
	return status;
}

static int status_of(cudaError_t e)
{
	switch (e) {
	case cudaErrorMemoryAllocation:
		return AG_ERR_OUT_OF_MEMORY;
	case cudaErrorNoDevice:
	case cudaErrorInvalidDevice:
	case cudaErrorInsufficientDriver:
		return AG_ERR_NO_DEVICE;
	default:
		return AG_ERR_DEVICE;
	}
}

static const char *cublas_name(cublasStatus_t s)
{
	switch (s) {
	case CUBLAS_STATUS_SUCCESS:
		return "CUBLAS_STATUS_SUCCESS";
	case CUBLAS_STATUS_NOT_INITIALIZED:
		return "CUBLAS_STATUS_NOT_INITIALIZED";
	case CUBLAS_STATUS_ALLOC_FAILED:
		return "CUBLAS_STATUS_ALLOC_FAILED";
	case CUBLAS_STATUS_INVALID_VALUE:
		return "CUBLAS_STATUS_INVALID_VALUE";
	case CUBLAS_STATUS_ARCH_MISMATCH:
		return "CUBLAS_STATUS_ARCH_MISMATCH";
	case CUBLAS_STATUS_MAPPING_ERROR:
		return "CUBLAS_STATUS_MAPPING_ERROR";
	case CUBLAS_STATUS_EXECUTION_FAILED:
		return "CUBLAS_STATUS_EXECUTION_FAILED";
	case CUBLAS_STATUS_INTERNAL_ERROR:
		return "CUBLAS_STATUS_INTERNAL_ERROR";
	case CUBLAS_STATUS_NOT_SUPPORTED:
		return "CUBLAS_STATUS_NOT_SUPPORTED";
	default:
		return "cuBLAS status unknown";
	}
}

#define CUDA_TRY(ctx, what, call)                                                                    \
	do {                                                                                         \
		cudaError_t e_ = (call);                                                             \
		if (e_ != cudaSuccess)                                                               \
			return fail(ctx, status_of(e_), "%s: %s (%s)", what, cudaGetErrorString(e_), \
				    cudaGetErrorName(e_));                                           \
	} while (0)

#define BLAS_TRY(ctx, what, call)                                                                        \
	do {                                                                                             \
		cublasStatus_t s_ = (call);                                                              \
		if (s_ != CUBLAS_STATUS_SUCCESS)                                                         \
			return fail(ctx, s_ == CUBLAS_STATUS_ALLOC_FAILED ? AG_ERR_OUT_OF_MEMORY : AG_ERR_DEVICE, \
				    "%s: %s", what, cublas_name(s_));                                    \
	} while (0)

/* enter makes ctx's device current on this thread. */
static int enter(ag_context *ctx)
{
	CUDA_TRY(ctx, "cudaSetDevice", cudaSetDevice(ctx->device));
	return AG_OK;
}

/* launch geometry of the element-wise kernels: a grid-stride loop. */
static const int threads_per_block = 256;
static unsigned blocks_for(int64_t n)
{
	int64_t b = (n + threads_per_block - 1) / threads_per_block;
	return (unsigned)(b < 1 ? 1 : b > 4096 ? 4096 : b);
}

__global__ void scale2d_kernel(float *c, int64_t m, int64_t n, int64_t ldc, float beta)
{
	for (int64_t t = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; t < m * n; t += (int64_t)gridDim.x * blockDim.x) {
		float *p = c + (t / n) * ldc + t % n;
		*p = beta == 0.0f ? 0.0f : beta * *p;
	}
}

__global__ void scal_kernel(int64_t n, float alpha, float *x)
{
	for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x)
		x[i] = alpha == 0.0f ? 0.0f : alpha * x[i];
}

__global__ void axpy_kernel(int64_t n, float alpha, const float *x, float *y)
{
	for (int64_t i = blockIdx.x * (int64_t)blockDim.x + threadIdx.x; i < n; i += (int64_t)gridDim.x * blockDim.x)
		y[i] += alpha * x[i];
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
	int n = 0;
	cudaError_t e = cudaGetDeviceCount(&n);
	if (e != cudaSuccess) {
		snprintf(init_err, sizeof init_err, "init: cudaGetDeviceCount: %s (%s)", cudaGetErrorString(e), cudaGetErrorName(e));
		return AG_ERR_NO_DEVICE;
	}
	if (device < 0 || device >= n) {
		snprintf(init_err, sizeof init_err, "init: device %d: %d visible (CUDA_VISIBLE_DEVICES selects them)", device, n);
		return AG_ERR_NO_DEVICE;
	}
	e = cudaSetDevice(device);
	if (e != cudaSuccess) {
		snprintf(init_err, sizeof init_err, "init: cudaSetDevice(%d): %s", device, cudaGetErrorString(e));
		return status_of(e);
	}
	ag_context *ctx = (ag_context *)calloc(1, sizeof *ctx);
	if (ctx == NULL) {
		snprintf(init_err, sizeof init_err, "init: out of host memory");
		return AG_ERR_OUT_OF_MEMORY;
	}
	ctx->device = device;
	e = cudaStreamCreateWithFlags(&ctx->stream, cudaStreamNonBlocking);
	if (e != cudaSuccess) {
		snprintf(init_err, sizeof init_err, "init: cudaStreamCreate: %s", cudaGetErrorString(e));
		free(ctx);
		return status_of(e);
	}
	cublasStatus_t s = cublasCreate(&ctx->blas);
	if (s == CUBLAS_STATUS_SUCCESS)
		s = cublasSetStream(ctx->blas, ctx->stream);
	if (s == CUBLAS_STATUS_SUCCESS) /* plain fp32: no TF32, so results match the CPU backend's */
		s = cublasSetMathMode(ctx->blas, CUBLAS_DEFAULT_MATH);
	if (s != CUBLAS_STATUS_SUCCESS) {
		snprintf(init_err, sizeof init_err, "init: cuBLAS: %s", cublas_name(s));
		if (ctx->blas != NULL)
			cublasDestroy(ctx->blas);
		cudaStreamDestroy(ctx->stream);
		free(ctx);
		return s == CUBLAS_STATUS_ALLOC_FAILED ? AG_ERR_OUT_OF_MEMORY : AG_ERR_DEVICE;
	}
	init_err[0] = 0;
	*out = ctx;
	return AG_OK;
}

int ag_shutdown(ag_context *ctx)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	cudaSetDevice(ctx->device);
	cudaStreamSynchronize(ctx->stream);
	for (ag_alloc_node *a = ctx->allocs, *next; a != NULL; a = next) {
		next = a->next;
		if (a->host)
			cudaFreeHost(a->p);
		else
			cudaFree(a->p);
		free(a);
	}
	cublasDestroy(ctx->blas);
	cudaError_t e = cudaStreamDestroy(ctx->stream);
	free(ctx);
	return e == cudaSuccess ? AG_OK : AG_ERR_DEVICE;
}

int ag_get_device_info(ag_context *ctx, ag_device_info *out)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (out == NULL)
		return fail(ctx, AG_ERR_INVALID, "get_device_info: NULL out");
	int st = enter(ctx);
	if (st != AG_OK)
		return st;
	cudaDeviceProp p;
	CUDA_TRY(ctx, "cudaGetDeviceProperties", cudaGetDeviceProperties(&p, ctx->device));
	size_t free_b = 0, total_b = 0;
	CUDA_TRY(ctx, "cudaMemGetInfo", cudaMemGetInfo(&free_b, &total_b));
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "%s", p.name);
	snprintf(out->impl, sizeof out->impl, "cublas");
	out->is_accelerator = 1;
	out->cc_major = p.major;
	out->cc_minor = p.minor;
	cudaRuntimeGetVersion(&out->runtime_version);
	cudaDriverGetVersion(&out->driver_version);
	out->total_bytes = total_b;
	out->free_bytes = free_b;
	return AG_OK;
}

static int alloc(ag_context *ctx, const char *what, int host, size_t bytes, void **out)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (out == NULL || bytes == 0)
		return fail(ctx, AG_ERR_INVALID, "%s: %s", what, out == NULL ? "NULL out" : "0 bytes");
	int st = enter(ctx);
	if (st != AG_OK)
		return st;
	ag_alloc_node *a = (ag_alloc_node *)malloc(sizeof *a);
	if (a == NULL)
		return fail(ctx, AG_ERR_OUT_OF_MEMORY, "%s: out of host memory", what);
	cudaError_t e = host ? cudaHostAlloc(&a->p, bytes, cudaHostAllocPortable) : cudaMalloc(&a->p, bytes);
	if (e != cudaSuccess) {
		free(a);
		return fail(ctx, status_of(e), "%s: %s(%zu bytes): %s", what, host ? "cudaHostAlloc" : "cudaMalloc", bytes,
			    cudaGetErrorString(e));
	}
	if (host)
		memset(a->p, 0, bytes);
	a->host = host;
	a->next = ctx->allocs;
	ctx->allocs = a;
	*out = a->p;
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
	int st = enter(ctx);
	if (st != AG_OK)
		return st;
	for (ag_alloc_node **a = &ctx->allocs; *a != NULL; a = &(*a)->next) {
		if ((*a)->p == p && (*a)->host == host) {
			ag_alloc_node *dead = *a;
			*a = dead->next;
			free(dead);
			CUDA_TRY(ctx, what, cudaStreamSynchronize(ctx->stream));
			CUDA_TRY(ctx, what, host ? cudaFreeHost(p) : cudaFree(p));
			return AG_OK;
		}
	}
	return fail(ctx, AG_ERR_INVALID, "%s: %p was not allocated by this context", what, p);
}

int ag_free(ag_context *ctx, void *p) { return release(ctx, "free", 0, p); }

int ag_host_free(ag_context *ctx, void *p) { return release(ctx, "host_free", 1, p); }

static int copy(ag_context *ctx, const char *what, void *dst, const void *src, size_t bytes, cudaMemcpyKind kind)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (bytes == 0)
		return AG_OK;
	if (dst == NULL || src == NULL)
		return fail(ctx, AG_ERR_INVALID, "%s: NULL pointer", what);
	int st = enter(ctx);
	if (st != AG_OK)
		return st;
	CUDA_TRY(ctx, what, cudaMemcpyAsync(dst, src, bytes, kind, ctx->stream));
	CUDA_TRY(ctx, what, cudaStreamSynchronize(ctx->stream));
	return AG_OK;
}

int ag_copy_h2d(ag_context *ctx, void *dst, const void *src, size_t bytes)
{
	return copy(ctx, "copy_h2d", dst, src, bytes, cudaMemcpyHostToDevice);
}

int ag_copy_d2h(ag_context *ctx, void *dst, const void *src, size_t bytes)
{
	return copy(ctx, "copy_d2h", dst, src, bytes, cudaMemcpyDeviceToHost);
}

int ag_synchronize(ag_context *ctx)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	int st = enter(ctx);
	if (st != AG_OK)
		return st;
	CUDA_TRY(ctx, "synchronize", cudaStreamSynchronize(ctx->stream));
	return AG_OK;
}

int ag_sgemm(ag_context *ctx, const ag_sgemm_args *g)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	int st = ag_check_sgemm(g, ctx->err, sizeof ctx->err);
	if (st != AG_OK)
		return st;
	if (g->m == 0 || g->n == 0)
		return AG_OK;
	if (g->m > INT_MAX || g->n > INT_MAX || g->k > INT_MAX || g->lda > INT_MAX || g->ldb > INT_MAX || g->ldc > INT_MAX)
		return fail(ctx, AG_ERR_INVALID, "sgemm: a size or leading dimension above 2^31-1 (cuBLAS's int)");
	st = enter(ctx);
	if (st != AG_OK)
		return st;
	int64_t batch = g->batch > 1 ? g->batch : 1;
	if (g->k == 0) { /* C = beta·C, once per distinct C */
		int64_t items = g->stride_c == 0 ? 1 : batch;
		for (int64_t bi = 0; bi < items; bi++)
			scale2d_kernel<<<blocks_for(g->m * g->n), threads_per_block, 0, ctx->stream>>>(g->c + bi * g->stride_c, g->m, g->n, g->ldc, g->beta);
		CUDA_TRY(ctx, "sgemm: scale kernel", cudaGetLastError());
		return AG_OK;
	}
	cublasOperation_t opa = g->trans_a ? CUBLAS_OP_T : CUBLAS_OP_N;
	cublasOperation_t opb = g->trans_b ? CUBLAS_OP_T : CUBLAS_OP_N;
	int m = (int)g->m, n = (int)g->n, k = (int)g->k;
	int lda = (int)g->lda, ldb = (int)g->ldb, ldc = (int)g->ldc;
	if (batch == 1) {
		BLAS_TRY(ctx, "sgemm: cublasSgemm",
			 cublasSgemm(ctx->blas, opb, opa, n, m, k, &g->alpha, g->b, ldb, g->a, lda, &g->beta, g->c, ldc));
		return AG_OK;
	}
	if (g->stride_c == 0) { /* every item sums into the one C: in order, beta once */
		for (int64_t bi = 0; bi < batch; bi++) {
			float beta = bi == 0 ? g->beta : 1.0f;
			BLAS_TRY(ctx, "sgemm: cublasSgemm (summed batch)",
				 cublasSgemm(ctx->blas, opb, opa, n, m, k, &g->alpha, g->b + bi * g->stride_b, ldb,
					     g->a + bi * g->stride_a, lda, &beta, g->c, ldc));
		}
		return AG_OK;
	}
	if (batch > INT_MAX)
		return fail(ctx, AG_ERR_INVALID, "sgemm: batch above 2^31-1");
	BLAS_TRY(ctx, "sgemm: cublasSgemmStridedBatched",
		 cublasSgemmStridedBatched(ctx->blas, opb, opa, n, m, k, &g->alpha, g->b, ldb, g->stride_b, g->a, lda,
					   g->stride_a, &g->beta, g->c, ldc, g->stride_c, (int)batch));
	return AG_OK;
}

int ag_sscal(ag_context *ctx, int64_t n, float alpha, float *x)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (n < 0 || (n > 0 && x == NULL))
		return fail(ctx, AG_ERR_INVALID, "sscal: n=%lld x=%p", (long long)n, (void *)x);
	if (n == 0)
		return AG_OK;
	int st = enter(ctx);
	if (st != AG_OK)
		return st;
	scal_kernel<<<blocks_for(n), threads_per_block, 0, ctx->stream>>>(n, alpha, x);
	CUDA_TRY(ctx, "sscal: launch", cudaGetLastError());
	return AG_OK;
}

int ag_saxpy(ag_context *ctx, int64_t n, float alpha, const float *x, float *y)
{
	if (ctx == NULL)
		return AG_ERR_INVALID;
	if (n < 0 || (n > 0 && (x == NULL || y == NULL)))
		return fail(ctx, AG_ERR_INVALID, "saxpy: n=%lld x=%p y=%p", (long long)n, (const void *)x, (void *)y);
	if (n == 0)
		return AG_OK;
	int st = enter(ctx);
	if (st != AG_OK)
		return st;
	axpy_kernel<<<blocks_for(n), threads_per_block, 0, ctx->stream>>>(n, alpha, x, y);
	CUDA_TRY(ctx, "saxpy: launch", cudaGetLastError());
	return AG_OK;
}
