#!/usr/bin/env bash
# Builds the host-reference implementation of gpu/cuda's C API
# (gpu/cuda/hostref/hostref.c, plain C on host memory) into a shared library
# with cc: no CUDA, no GPU. Point the cuda backend at it to run the Go
# bindings end to end on any machine:
#
#   install/build-gpu-lib.sh                   # writes out/libarchlab_hostref.so
#   ARCHLAB_CUDA_LIB=out/libarchlab_hostref.so archlab train --device cuda ...
#
# --device auto never picks it (its device is not an accelerator).
# Usage: install/build-gpu-lib.sh [OUTPUT.so]   (CC overrides the compiler)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/libarchlab_hostref.so}
mkdir -p "$(dirname "$out")"
"${CC:-cc}" -std=c11 -O2 -Wall -Wextra -Werror -shared -fPIC -o "$out" gpu/cuda/hostref/hostref.c
echo "built $out"
