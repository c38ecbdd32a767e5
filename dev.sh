#!/usr/bin/env bash
# dev.sh: one entry for a newcomer on Debian or Ubuntu.
#   ./dev.sh run   install what is missing, build, start tapla
#   ./dev.sh test  install what is missing, build, run the whole test suite
#                  (a normal build, then an ASan+UBSan build), the fuzzers
#                  for FUZZ_SECONDS (default 20) each, and the unit tests
#                  under valgrind
#   ./dev.sh bench run the benchmarks (a release build), printing every figure
set -euo pipefail
cd "$(dirname "$0")"

packages=(build-essential meson ninja-build pkg-config gettext
	libncurses-dev libsqlite3-dev libcmocka-dev libvterm-dev
	libunistring-dev libicu-dev libcrypt-dev sqlite3 locales
	clang valgrind python3-jsonschema
	libmicrohttpd-dev chromium chromium-driver python3-selenium
	libqrencode-dev zbar-tools)
# npm for axe-core: Debian's package only where no npm is on the PATH (a
# machine with Node.js from elsewhere would refuse Debian's npm).
command -v npm >/dev/null 2>&1 || packages+=(npm)

# The package with clang's sanitizer and libFuzzer runtimes: the generic
# name where the archive has it (Debian 12), else clang 14's own.
clang_runtime() {
	local p
	for p in libclang-rt-dev libclang-rt-14-dev; do
		if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			apt-cache show "$p" >/dev/null 2>&1; then
			echo "$p"
			return
		fi
	done
	echo libclang-rt-dev
}
packages+=("$(clang_runtime)")

# Installs the Debian packages that are missing (with sudo unless root).
install_missing() {
	local missing=()
	for p in "${packages[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "dev.sh: installing ${missing[*]}" >&2
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
		--no-install-recommends "${missing[@]}" >/dev/null
}

# Configures (once) and builds a build directory.
# Builds in $dir; the first build says so and, on a terminal, shows
# ninja's progress line instead of a blank screen.
build() {
	local dir=$1; shift
	if [ ! -f "$dir/build.ninja" ]; then
		echo "dev.sh: first build in $dir (about a minute)…" >&2
		meson setup "$dir" "$@" >/dev/null
	fi
	if [ -t 2 ]; then
		ninja -C "$dir" >&2
	else
		ninja -C "$dir" >/dev/null
	fi
}

# Puts a link to the built tapla in ~/.local/bin, so that the README's
# "tapla ..." examples run as written; says so when that is not on PATH.
link_tapla() {
	local bin="$HOME/.local/bin"
	mkdir -p "$bin" && ln -sf "$PWD/build/src/tapla" "$bin/tapla" || return 0
	case ":$PATH:" in
	*":$bin:"*) ;;
	*) echo "dev.sh: tapla is in $bin; add it to PATH (or run ./build/src/tapla)." >&2 ;;
	esac
}

# axe-core (npm) for the phone pages' accessibility check
# (tests/web/browser.py), into the build folder, never committed.
install_axe() {
	local dir=$1
	[ -f "$dir/node_modules/axe-core/axe.min.js" ] && return 0
	npm install --no-save --no-audit --no-fund --silent --prefix "$dir" \
		axe-core@4 >/dev/null
}

# The suite once in a build with AddressSanitizer and UBSan.
sanitizer_tests() {
	build build-san -Db_sanitize=address,undefined -Db_lundef=false
	install_axe build-san
	ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C build-san --print-errorlogs "$@"
}

# Each libFuzzer harness for a bounded time (fuzz/README.md runs longer).
fuzz_tests() {
	fuzz/run.sh "${FUZZ_SECONDS:-20}"
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
run)
	install_missing
	build build
	link_tapla
	exec ./build/src/tapla "$@"
	;;
test)
	install_missing
	build build
	install_axe build
	meson test -C build --print-errorlogs "$@"
	sanitizer_tests "$@"
	fuzz_tests
	tests/valgrind.sh build
	;;
bench)
	install_missing
	build build-release --buildtype=release
	meson test -C build-release --benchmark --verbose "$@"
	;;
*)
	echo "usage: ./dev.sh run|test|bench" >&2
	exit 2
	;;
esac
