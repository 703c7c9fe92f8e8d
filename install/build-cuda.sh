#!/usr/bin/env bash
# Builds libarchlab_cuda.so, the CUDA implementation of gpu/cuda's C API
# (gpu/cuda/archlab_cuda.cu: CUDA runtime + cuBLAS), with nvcc. Run it on a
# machine with the CUDA toolkit; archlab itself builds without it and loads
# this library at run time (from $ARCHLAB_CUDA_LIB, next to the binary, or
# /usr/local/lib; see archlab doctor).
#
#   install/build-cuda.sh                      # writes out/libarchlab_cuda.so
#   install/build-cuda.sh /usr/local/lib/libarchlab_cuda.so
#
# CUDA_ARCHS lists the compute capabilities to build SASS for (default
# "80 90": A100, H100/H200), plus PTX for the newest so later GPUs JIT it.
# NVCC overrides the compiler (default: nvcc on PATH, else
# $CUDA_HOME/bin/nvcc, else /usr/local/cuda/bin/nvcc).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/libarchlab_cuda.so}
nvcc=${NVCC:-$(command -v nvcc || true)}
if [ -z "$nvcc" ]; then
	for c in "${CUDA_HOME:-}/bin/nvcc" /usr/local/cuda/bin/nvcc; do
		if [ -x "$c" ]; then nvcc=$c; break; fi
	done
fi
if [ -z "$nvcc" ]; then
	echo "build-cuda.sh: no nvcc (PATH, \$CUDA_HOME/bin, /usr/local/cuda/bin): install the CUDA toolkit, or set NVCC" >&2
	exit 1
fi
cudahome=$(cd "$(dirname "$nvcc")/.." && pwd)
archs=${CUDA_ARCHS:-"80 90"}
gencode=()
last=
for a in $archs; do
	gencode+=(-gencode "arch=compute_$a,code=sm_$a")
	last=$a
done
gencode+=(-gencode "arch=compute_$last,code=compute_$last")
mkdir -p "$(dirname "$out")"
# cudart is linked statically (nvcc's default); cuBLAS dynamically, found
# through the rpath to this toolkit's lib64 or the loader's usual places.
set -x
"$nvcc" -O3 -std=c++14 -shared -Xcompiler -fPIC,-Wall "${gencode[@]}" \
	-Igpu/cuda -o "$out" gpu/cuda/archlab_cuda.cu \
	-lcublas -Xlinker -rpath -Xlinker "$cudahome/lib64"
set +x
# Every function of archlab_gpu.h must be exported with C names.
missing=0
for f in $(grep -o '^[a-z_ *]*\bag_[a-z_0-9]*(' gpu/cuda/archlab_gpu.h | grep -o 'ag_[a-z_0-9]*'); do
	if ! nm -D --defined-only "$out" | grep -qw "$f"; then echo "build-cuda.sh: $out does not export $f" >&2; missing=1; fi
done
[ "$missing" = 0 ] || exit 1
echo "built $out"
