#!/usr/bin/env bash
# The CUDA backend's one prepared check on an NVIDIA machine (gpu/cuda/NOTES.md).
#
#   install/cuda-check.sh prepare   # where Go is: builds the test binary and archlab into out/cuda-check/
#   install/cuda-check.sh run       # on the GPU machine (needs nvcc, not Go): builds the library,
#                                   # runs the conformance tests and the benchmarks
#
# run writes every output under out/cuda-check/results/ (nvidia-smi, the build,
# the test log, the GEMM benchmarks, bench train on cuda and on cpu) and ends
# with a summary; paste the numbers into gpu/cuda/NOTES.md with the card's name.
# CUDA_CHECK_MODELS changes the bench train models (default "deltanet-1m deltanet-6m").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=out/cuda-check
res=$dir/results

case "${1:-}" in
prepare)
	mkdir -p "$dir"
	go test -c -o "$dir/cuda.test" ./gpu/cuda
	go build -o "$dir/archlab" .
	echo "built $dir/cuda.test and $dir/archlab; copy the checkout (or at least gpu/cuda, install and $dir) to the GPU machine and run: install/cuda-check.sh run"
	;;
run)
	[ -x "$dir/cuda.test" ] && [ -x "$dir/archlab" ] || { echo "cuda-check.sh: run 'install/cuda-check.sh prepare' first (where Go is)" >&2; exit 1; }
	mkdir -p "$res"
	rc=0
	summary=()
	stage() { # stage NAME FILE CMD...: runs CMD, output to FILE and the terminal
		local name=$1 file=$2
		shift 2
		printf '\n== %s\n' "$name"
		if "$@" 2>&1 | tee "$res/$file"; then summary+=("ok   $name"); else summary+=("FAIL $name (see $res/$file)"); rc=1; fi
	}
	stage "nvidia-smi" gpu.txt nvidia-smi
	stage "build libarchlab_cuda.so" build.txt bash install/build-cuda.sh "$root/out/libarchlab_cuda.so"
	export ARCHLAB_CUDA_LIB=$root/out/libarchlab_cuda.so
	# The test binary runs in its package's folder, as go test does (it builds
	# the host reference from hostref/ with cc for the by-name tests).
	stage "tests on the CUDA library" test.txt bash -c "cd gpu/cuda && '$root/$dir/cuda.test' -test.v -test.count=1 -test.timeout=8m"
	stage "GEMM benchmarks" bench-sgemm.txt bash -c "cd gpu/cuda && '$root/$dir/cuda.test' -test.run '^\$' -test.bench Sgemm -test.benchtime 20x"
	stage "doctor" doctor.txt "$dir/archlab" doctor
	for model in ${CUDA_CHECK_MODELS:-deltanet-1m deltanet-6m}; do
		for device in cuda cpu; do
			stage "bench train $model on $device" "bench-train-$model-$device.txt" "$dir/archlab" bench train --model "$model" --device "$device" --threads 2 --steps 5
		done
	done
	printf '\n== summary\n'
	printf '%s\n' "${summary[@]}"
	exit "$rc"
	;;
*)
	echo "usage: install/cuda-check.sh prepare|run" >&2
	exit 2
	;;
esac
