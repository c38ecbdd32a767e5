#!/usr/bin/env bash
# dev.sh: one entry for a newcomer on Debian or Ubuntu.
#   ./dev.sh run   install what is missing, build, start tapla
#   ./dev.sh test  install what is missing, build, run the whole test suite
#                  (a normal build, then an ASan+UBSan build)
#   ./dev.sh bench run the benchmarks (a release build), printing every figure
set -euo pipefail
cd "$(dirname "$0")"

packages=(build-essential meson ninja-build pkg-config gettext
	libncurses-dev libsqlite3-dev libcmocka-dev libvterm-dev
	libunistring-dev libcrypt-dev sqlite3 locales)

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
build() {
	local dir=$1; shift
	[ -f "$dir/build.ninja" ] || meson setup "$dir" "$@" >/dev/null
	ninja -C "$dir" >/dev/null
}

cmd=${1:-run}
[ $# -gt 0 ] && shift
case "$cmd" in
run)
	install_missing
	build build
	exec ./build/src/tapla "$@"
	;;
test)
	install_missing
	build build
	meson test -C build --print-errorlogs "$@"
	build build-san -Db_sanitize=address,undefined -Db_lundef=false
	ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C build-san --print-errorlogs "$@"
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
