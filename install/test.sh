#!/usr/bin/env bash
# archlab's whole test suite: the README's test command, and what .ci/run calls.
# It installs the system packages it needs (install/setup.sh --deps), then checks
# formatting and vet, runs go test (with -race on the concurrent packages), the
# kernel's Jupyter conformance tests, and every notebook both headless and
# through Jupyter, with a single-node Slurm running for the Slurm executor's
# tests (install/slurm.sh). It ends with one line per stage and an overall
# verdict, so a failure is never hidden above a later stage's "0 failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== %s\n' "$*"; }

# One line per stage for the summary at the end.
summary=()
record() { summary+=("$(printf '%-34s %s' "$1" "$2")"); }
finish() {
	step "summary"
	printf '%s\n' "${summary[@]}"
	if [ "$gorc" = 0 ]; then echo "install/test.sh: every stage passed"; else echo "install/test.sh: FAILED (see the stages marked FAIL above)"; fi
	exit "$gorc"
}
gorc=0

step "system packages"
bash install/setup.sh --deps

export GOFLAGS=${GOFLAGS:--mod=readonly}
step "gofmt"
bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$bad" ]; then
	echo "gofmt would change:"; echo "$bad"; gorc=1; record gofmt "FAIL: $(echo "$bad" | wc -l) files (run gofmt -w)"
else
	record gofmt ok
fi

step "go vet"
if go vet ./...; then record "go vet" ok; else gorc=1; record "go vet" FAIL; fi

# A real single-node Slurm for the Slurm executor's tests (install/slurm.sh):
# about a minute to install once, 3 s to start, stopped on exit. Without it
# those tests skip with one line. ARCHLAB_SLURM=0 leaves it out.
if [ "${ARCHLAB_SLURM:-1}" != 0 ]; then
	step "slurm: single-node test cluster"
	if bash install/slurm.sh install && bash install/slurm.sh start; then
		export SLURM_CONF=${ARCHLAB_SLURM_DIR:-/tmp/archlab-slurm}/slurm.conf
		trap 'bash install/slurm.sh stop >/dev/null 2>&1 || true' EXIT
		record "slurm test cluster" started
	else
		echo "slurm: not started; the Slurm executor tests will skip"
		record "slurm test cluster" "not started (its tests skip)"
	fi
else
	record "slurm test cluster" "off (ARCHLAB_SLURM=0; its tests skip)"
fi

step "go test"
log=$(mktemp)
set +e
go test -json -count=1 ./... >"$log"
rc=$?
set -e
sum=$(mktemp)
/usr/bin/python3 install/gotestsum.py <"$log" | tee "$sum" || rc=1
line=$(grep '^go test: ' "$sum" | tail -1 || true)
if [ "$rc" = 0 ]; then record "go test" "ok: ${line#go test: }"; else gorc=1; record "go test" "FAIL: ${line#go test: }"; fi

# Packages whose concurrency is the point: run them again under the race detector.
race_pkgs=(./lib/cli/...)
for p in kernel/wire kernel kernel/cmd kernel/interp; do [ -d "$p" ] && race_pkgs+=("./$p"); done
step "go test -race ${race_pkgs[*]}"
if go test -race -count=1 "${race_pkgs[@]}"; then record "go test -race" ok; else gorc=1; record "go test -race" FAIL; fi

if [ -d kernel/jupytertest ] && ls kernel/jupytertest/test_*.py >/dev/null 2>&1; then
	step "kernel: Jupyter's own clients (jupyter_kernel_test, pytest)"
	tmp=$(mktemp -d)
	go build -o "$tmp/bin/archlab" .
	"$tmp/bin/archlab" install --prefix "$tmp/jupyter" >/dev/null
	set +e
	JUPYTER_PATH="$tmp/jupyter/share/jupyter" ARCHLAB_BIN="$tmp/bin/archlab" \
		/usr/bin/python3 -m pytest -q -p no:cacheprovider kernel/jupytertest | tee "$tmp/pytest.out"
	rc=${PIPESTATUS[0]}
	set -e
	line=$(grep -E '(passed|failed|error)' "$tmp/pytest.out" | tail -1 | tr -d '=' | sed 's/^ *//;s/ *$//')
	if [ "$rc" = 0 ]; then record "kernel over Jupyter's clients" "ok: $line"; else gorc=1; record "kernel over Jupyter's clients" "FAIL: $line"; fi
fi

if ls notebooks/*.ipynb >/dev/null 2>&1; then
	step "notebooks: archlab run and jupyter nbconvert --execute"
	tmp=${tmp:-$(mktemp -d)}
	[ -x "$tmp/bin/archlab" ] || go build -o "$tmp/bin/archlab" .
	[ -d "$tmp/jupyter" ] || "$tmp/bin/archlab" install --prefix "$tmp/jupyter" >/dev/null
	n=0; failed=0; skipped=0; failed_names=""
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
			echo "FAIL archlab run $nb"; failed=$((failed + 1)); failed_names+=" $name(archlab run)"
		fi
		if (cd notebooks && JUPYTER_PATH="$tmp/jupyter/share/jupyter" /usr/bin/python3 -m nbconvert \
			--to notebook --execute --ExecutePreprocessor.kernel_name=archlab \
			--ExecutePreprocessor.timeout=600 --output-dir "$tmp" --output "$name.nbconvert" "$name.ipynb" 2>"$tmp/$name.err"); then
			echo "ok   nbconvert --execute $nb"
		else
			echo "FAIL nbconvert --execute $nb"; tail -20 "$tmp/$name.err"; failed=$((failed + 1)); failed_names+=" $name(nbconvert)"
		fi
		n=$((n + 2))
	done
	echo "notebooks: $((n - failed)) passed, $failed failed, $skipped skipped"
	if [ "$failed" = 0 ]; then record notebooks "ok: $((n - failed)) passed, $skipped skipped"; else gorc=1; record notebooks "FAIL: $failed failed:$failed_names; $((n - failed)) passed, $skipped skipped"; fi
fi

finish
