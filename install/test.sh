#!/usr/bin/env bash
# archlab's whole test suite: the README's test command, and what .ci/run calls.
# It installs the system packages it needs (install/setup.sh --deps), then checks
# formatting and vet, runs go test (with -race on the concurrent packages), the
# kernel's Jupyter conformance tests, and every notebook both headless and
# through Jupyter, with a single-node Slurm running for the Slurm executor's
# tests (install/slurm.sh). It prints go test's summary line.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== %s\n' "$*"; }

step "system packages"
bash install/setup.sh --deps

export GOFLAGS=${GOFLAGS:--mod=readonly}
step "gofmt"
bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$bad" ]; then
	echo "gofmt would change:"; echo "$bad"; exit 1
fi

step "go vet"
go vet ./...

# A real single-node Slurm for the Slurm executor's tests (install/slurm.sh):
# about a minute to install once, 3 s to start, stopped on exit. Without it
# those tests skip with one line. ARCHLAB_SLURM=0 leaves it out.
if [ "${ARCHLAB_SLURM:-1}" != 0 ]; then
	step "slurm: single-node test cluster"
	if bash install/slurm.sh install && bash install/slurm.sh start; then
		export SLURM_CONF=${ARCHLAB_SLURM_DIR:-/tmp/archlab-slurm}/slurm.conf
		trap 'bash install/slurm.sh stop >/dev/null 2>&1 || true' EXIT
	else
		echo "slurm: not started; the Slurm executor tests will skip"
	fi
fi

step "go test"
log=$(mktemp)
set +e
go test -json -count=1 ./... >"$log"
gorc=$?
set -e
/usr/bin/python3 install/gotestsum.py <"$log" || gorc=1

# Packages whose concurrency is the point: run them again under the race detector.
race_pkgs=(./lib/cli/...)
for p in kernel/wire kernel; do [ -d "$p" ] && race_pkgs+=("./$p"); done
step "go test -race ${race_pkgs[*]}"
go test -race -count=1 "${race_pkgs[@]}" || gorc=1

if [ -d kernel/jupytertest ] && ls kernel/jupytertest/test_*.py >/dev/null 2>&1; then
	step "kernel: Jupyter's own clients (jupyter_kernel_test, pytest)"
	tmp=$(mktemp -d)
	go build -o "$tmp/bin/archlab" .
	"$tmp/bin/archlab" install --prefix "$tmp/jupyter" >/dev/null
	JUPYTER_PATH="$tmp/jupyter/share/jupyter" ARCHLAB_BIN="$tmp/bin/archlab" \
		/usr/bin/python3 -m pytest -q -p no:cacheprovider kernel/jupytertest || gorc=1
fi

if ls notebooks/*.ipynb >/dev/null 2>&1; then
	step "notebooks: archlab run and jupyter nbconvert --execute"
	tmp=${tmp:-$(mktemp -d)}
	[ -x "$tmp/bin/archlab" ] || go build -o "$tmp/bin/archlab" .
	[ -d "$tmp/jupyter" ] || "$tmp/bin/archlab" install --prefix "$tmp/jupyter" >/dev/null
	n=0; failed=0; skipped=0
	# ASI-ARCH's released data lives outside the repository: a notebook whose
	# metadata says archlab.requires ["asi-arch-data"] is skipped when it is
	# not found (ARCHLAB_ASI_ARCH_DATA, or shared/data/asi-arch here or above).
	have_asi_data() {
		[ -n "${ARCHLAB_ASI_ARCH_DATA:-}" ] && return 0
		local d=$root
		while [ "$d" != "/" ]; do
			[ -d "$d/shared/data/asi-arch" ] && return 0
			d=$(dirname "$d")
		done
		return 1
	}
	for nb in notebooks/*.ipynb; do
		name=$(basename "$nb" .ipynb)
		if /usr/bin/python3 -c 'import json,sys; sys.exit(0 if "asi-arch-data" in json.load(open(sys.argv[1])).get("metadata",{}).get("archlab",{}).get("requires",[]) else 1)' "$nb" && ! have_asi_data; then
			echo "skip $nb: it needs ASI-ARCH's released data; set ARCHLAB_ASI_ARCH_DATA to its folder or base URL (or put it at ../shared/data/asi-arch)"
			skipped=$((skipped + 2))
			continue
		fi
		if "$tmp/bin/archlab" run "$nb" -o "$tmp/$name.run.ipynb"; then
			echo "ok   archlab run $nb"
		else
			echo "FAIL archlab run $nb"; failed=$((failed + 1))
		fi
		if (cd notebooks && JUPYTER_PATH="$tmp/jupyter/share/jupyter" /usr/bin/python3 -m nbconvert \
			--to notebook --execute --ExecutePreprocessor.kernel_name=archlab \
			--ExecutePreprocessor.timeout=600 --output-dir "$tmp" --output "$name.nbconvert" "$name.ipynb" 2>"$tmp/$name.err"); then
			echo "ok   nbconvert --execute $nb"
		else
			echo "FAIL nbconvert --execute $nb"; tail -20 "$tmp/$name.err"; failed=$((failed + 1))
		fi
		n=$((n + 2))
	done
	echo "notebooks: $((n - failed)) passed, $failed failed, $skipped skipped"
	[ "$failed" = 0 ] || gorc=1
fi

exit $gorc
