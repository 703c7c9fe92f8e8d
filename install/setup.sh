#!/usr/bin/env bash
# Idempotent set-up of a Debian machine that already has Go 1.26: the system
# packages archlab needs, the archlab binary, and the Jupyter kernelspec.
#
#   install/setup.sh            packages + binary + kernelspec
#   install/setup.sh --bench    also python3-torch (side-by-side benchmarks)
#   install/setup.sh --deps     system packages only (what install/test.sh uses)
#
# Environment: ARCHLAB_BIN_DIR (default: $(go env GOPATH)/bin).
set -euo pipefail

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

bench=0
deps_only=0
for arg in "$@"; do
	case "$arg" in
	--bench) bench=1 ;;
	--deps) deps_only=1 ;;
	-h | --help)
		sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*) die "unknown flag $arg (try --help)" ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)

# Debian packages: OpenBLAS for the CPU backend; Jupyter's own clients and
# test suite for the kernel, its tests and headless notebook runs.
pkgs=(libopenblas-dev
	python3-jupyter-client jupyter-client python3-nbclient python3-nbformat
	jupyter-nbconvert python3-jupyter-kernel-test python3-pytest python3-ipykernel)
[ "$bench" = 1 ] && pkgs+=(python3-torch)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done

if [ "${#missing[@]}" -eq 0 ]; then
	say "system packages already installed (${#pkgs[@]})"
else
	command -v apt-get >/dev/null 2>&1 ||
		die "apt-get not found: install these packages with your system's package manager: ${missing[*]}"
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null 2>&1 ||
			die "need root to install ${missing[*]}: run as root or install sudo"
		sudo=sudo
	fi
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq || die "apt-get update failed (no network or no apt sources?)"
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
		die "apt-get install ${missing[*]} failed"
fi

[ "$deps_only" = 1 ] && exit 0

command -v go >/dev/null 2>&1 || die "go not found on PATH: install Go 1.26 or newer first (go.dev/dl)"
bin_dir=${ARCHLAB_BIN_DIR:-$(go env GOPATH)/bin}
mkdir -p "$bin_dir"
say "building archlab into $bin_dir"
(cd "$root" && go build -o "$bin_dir/archlab" .) || die "go build failed"

say "installing the Jupyter kernelspec"
if ! "$bin_dir/archlab" install --user; then
	die "archlab install failed (see above)"
fi
case ":$PATH:" in
*":$bin_dir:"*) ;;
*) say "note: $bin_dir is not on PATH; add it, or call $bin_dir/archlab" ;;
esac
say "done: run '$bin_dir/archlab doctor' to check the set-up"
