#!/usr/bin/env bash
# tests/valgrind.sh BUILD_DIR: runs every unit test (suite "unit") of an
# unsanitized build under valgrind's memcheck. Fails on any memory error
# and on any definite or possible leak (reachable memory at exit is not a
# leak). tests/valgrind.supp, if present, holds explained suppressions.
set -euo pipefail

build=${1:-}
if [ -z "$build" ] || [ ! -f "$build/build.ninja" ]; then
	echo "usage: tests/valgrind.sh BUILD_DIR (a configured meson build directory)" >&2
	exit 2
fi
build=$(cd "$build" && pwd)
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || {
	echo "tests/valgrind.sh: valgrind is not installed; install it (apt-get install valgrind)." >&2
	exit 2
}
# ASan and valgrind cannot share a process: refuse a sanitized build.
if meson introspect --buildoptions "$build" |
	grep -q '"name": "b_sanitize", "value": "[a-z,]*address'; then
	echo "tests/valgrind.sh: $build is built with AddressSanitizer; give a plain build directory." >&2
	exit 2
fi

wrapper=(valgrind --quiet --error-exitcode=99 --leak-check=full
	--show-leak-kinds=definite,possible
	--errors-for-leak-kinds=definite,possible --track-origins=yes)
[ -f tests/valgrind.supp ] && wrapper+=("--suppressions=$PWD/tests/valgrind.supp")

ninja -C "$build" >/dev/null
meson test -C "$build" --suite unit --print-errorlogs --timeout-multiplier 10 \
	--wrapper "${wrapper[*]}"

# One end-to-end turn with tapla itself under valgrind: sign, a note, the
# seed's ballot, results, quit; the app must exit 0 (valgrind's exit code
# for an error or a leak is 99).
TAPLA_E2E_WRAPPER="${wrapper[*]}" TAPLA_E2E_ONLY=test_turn_then_quit \
	meson test -C "$build" e2e --print-errorlogs --timeout-multiplier 10
# The projector view (tapla screen) under valgrind too: open, quit with q,
# exit 0. ncurses keeps about 8 KB of its terminfo entry at exit, but it
# stays reachable, so no suppression is needed.
TAPLA_E2E_WRAPPER="${wrapper[*]}" TAPLA_E2E_ONLY=test_screen_clean_exit \
	meson test -C "$build" e2e-screen --print-errorlogs --timeout-multiplier 10
