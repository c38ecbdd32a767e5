#!/usr/bin/env bash
# fuzz/run.sh [SECONDS]: builds the libFuzzer harnesses with clang (in
# build-fuzz/) and runs each for SECONDS (default 30) on a temporary copy
# of its seed corpus, so the committed corpus never grows. Prints each
# harness's executions and time; exits non-zero if any harness crashed,
# leaving the crashing input in build-fuzz/fuzz-artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
build_dir=build-fuzz
harnesses=(template ballot lineedit text identity turn)

# Configures (once) and builds the clang build with the fuzzers.
build_fuzzers() {
	command -v clang >/dev/null || {
		echo "fuzz/run.sh: clang is not installed; install clang and libclang-rt-dev." >&2
		exit 2
	}
	[ -f "$build_dir/build.ninja" ] ||
		CC=clang meson setup "$build_dir" -Dfuzz=true -Dtests=false \
			-Db_lundef=false >/dev/null
	ninja -C "$build_dir" >/dev/null
}

# Runs one harness on a copy of its corpus; prints libFuzzer's final line.
run_harness() {
	local name=$1 work=$2 artifacts=$3
	local corpus="$work/corpus-$name" log="$work/$name.log"
	local dict=() exe="$build_dir/fuzz/fuzz-$name"
	mkdir -p "$corpus"
	cp fuzz/corpus/"$name"/* "$corpus"/
	[ -f "fuzz/$name.dict" ] && dict=("-dict=fuzz/$name.dict")
	if "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
		-artifact_prefix="$artifacts/$name-" "${dict[@]}" \
		"$corpus" >"$log" 2>&1; then
		echo "fuzz-$name: $(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1)"
		return 0
	fi
	echo "fuzz-$name: FAILED; the end of its log:"
	tail -n 40 "$log"
	return 1
}

build_fuzzers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts="$PWD/$build_dir/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
failed=0
for name in "${harnesses[@]}"; do
	run_harness "$name" "$work" "$artifacts" || failed=1
done
[ "$failed" -eq 0 ] || echo "fuzz/run.sh: a harness failed; its input is in $artifacts/"
exit "$failed"
