#!/usr/bin/env bash
# The archlab kernel in a real browser: Debian's classic Jupyter Notebook in
# headless Chromium, driven by Selenium (install/browser_test.py) through
# run-all, a plot, a panic's line, an interrupt and completion. On demand,
# not part of install/test.sh: it installs a browser.
#
#   install/browser-test.sh            install what is missing, then run
#   install/browser-test.sh --no-install   run with what is installed
#
# Needs Debian (apt-get; root or sudo to install) and Go. Everything it
# writes (binary, kernelspec, notebook, Jupyter's runtime files, logs) goes
# under one temporary folder, removed at the end unless ARCHLAB_KEEP=1.
set -euo pipefail

say() { printf 'browser-test: %s\n' "$*"; }
die() { printf 'browser-test: error: %s\n' "$*" >&2; exit 1; }

install=1
for arg in "$@"; do
	case "$arg" in
	--no-install) install=0 ;;
	-h | --help)
		sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*) die "unknown flag $arg (try --help)" ;;
	esac
done

root=$(cd "$(dirname "$0")/.." && pwd)

# jupyter-notebook is the classic Notebook (6.x in Debian 12); python3-nbformat
# writes the test notebook.
pkgs=(jupyter-notebook python3-nbformat chromium chromium-driver python3-selenium)
missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
if [ "${#missing[@]}" -gt 0 ]; then
	[ "$install" = 1 ] || die "missing packages: ${missing[*]} (run without --no-install)"
	command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install ${missing[*]} with your package manager"
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null 2>&1 || die "need root to install ${missing[*]}"
		sudo=sudo
	fi
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq || die "apt-get update failed"
	$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
		die "apt-get install ${missing[*]} failed"
fi
command -v go >/dev/null 2>&1 || die "go not found"
# Debian's python3 packages are for /usr/bin/python3, whatever python3 is first on PATH.
py=/usr/bin/python3
[ -x "$py" ] || die "$py not found"
[ -x /usr/bin/jupyter-notebook ] || die "/usr/bin/jupyter-notebook not found (package jupyter-notebook)"

tmp=$(mktemp -d /tmp/archlab-browser.XXXXXX)
server=""
cleanup() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null || true
		wait "$server" 2>/dev/null || true
	fi
	if [ "${ARCHLAB_KEEP:-0}" = 1 ]; then
		say "kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT

say "building archlab"
(cd "$root" && go build -o "$tmp/bin/archlab" .) || die "go build failed"
"$tmp/bin/archlab" install --prefix "$tmp/prefix" >/dev/null || die "archlab install --prefix failed"

# Jupyter sees only this kernelspec's folder besides its own, and keeps its
# config and runtime files here, not in the user's home.
export JUPYTER_PATH=$tmp/prefix/share/jupyter
export JUPYTER_CONFIG_DIR=$tmp/config
export JUPYTER_RUNTIME_DIR=$tmp/runtime
export JUPYTER_DATA_DIR=$tmp/data
mkdir -p "$tmp/nb" "$JUPYTER_CONFIG_DIR" "$JUPYTER_RUNTIME_DIR" "$JUPYTER_DATA_DIR"

port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$("$py" -c 'import secrets; print(secrets.token_hex(16))')

root_flag=()
[ "$(id -u)" = 0 ] && root_flag=(--allow-root) # containers often run as root

say "starting the notebook server on 127.0.0.1:$port"
/usr/bin/jupyter-notebook --no-browser --ip=127.0.0.1 --port="$port" "${root_flag[@]}" \
	--NotebookApp.token="$token" --NotebookApp.open_browser=False \
	--notebook-dir="$tmp/nb" >"$tmp/server.log" 2>&1 &
server=$!

ok=0
for _ in $(seq 1 60); do
	if "$py" -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/api/status?token=$token', timeout=1)" 2>/dev/null; then
		ok=1
		break
	fi
	kill -0 "$server" 2>/dev/null || break
	sleep 0.5
done
if [ "$ok" != 1 ]; then
	cat "$tmp/server.log" >&2
	die "the notebook server did not start"
fi

say "driving Chromium"
if ! "$py" "$root/install/browser_test.py" --url "http://127.0.0.1:$port" --token "$token" --dir "$tmp/nb" --shots "$tmp/shots"; then
	say "server log:"
	tail -n 50 "$tmp/server.log" >&2 || true
	ARCHLAB_KEEP=1
	die "browser test failed (screenshots and logs kept in $tmp)"
fi
say "ok"
