#!/usr/bin/env bash
# Measures the build loop on the current checkout and prints it as a table:
#   bench/build-times.sh [CMAKE_ARG...]      e.g. bench/build-times.sh -DLIS_UNITY=OFF
# A copy of the working tree (src, tests, bench, web, cmake, CMakeLists.txt) is built in a
# temporary folder with ccache disabled, so the figures are the compiler's and the linker's:
#   1. a clean build of everything `make test` builds (the `all` target);
#   2. a rebuild after touching src/core/status.h (included almost everywhere);
#   3. a rebuild after touching one service .cpp;
#   4. a clean build of `lis` alone in a second folder (what `make run` builds);
# and the size of the binaries. Wall time and CPU seconds (user+sys of all processes).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/lis-build-times.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -r src tests bench web cmake CMakeLists.txt "$work/"
export CCACHE_DISABLE=1
service_cpp=src/service/risk/risk_service.cpp

rows=()
# measure LABEL COMMAND...: runs COMMAND, records its wall and CPU seconds in `rows`.
measure() {
  local label=$1 t0 c0 c1 wall cpu
  shift
  t0=$(date +%s.%N)
  c0=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
  "$@" >"$work/last.log" 2>&1 || { tail -n 40 "$work/last.log" >&2; exit 1; }
  c1=$(awk '{print $14+$15+$16+$17}' /proc/$$/stat)
  wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  cpu=$(awk -v a="$c0" -v b="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN {print (b - a) / hz}')
  rows+=("$(printf '| %-58s | %8.1f | %8.1f |' "$label" "$wall" "$cpu")")
}

configure() {
  cmake -S "$work" -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${@:2}" >/dev/null
}

configure "$work/build" "$@"
measure "clean build, all targets (make test)" cmake --build "$work/build"
touch "$work/src/core/status.h"
measure "rebuild after touching src/core/status.h" cmake --build "$work/build"
touch "$work/$service_cpp"
measure "rebuild after touching $service_cpp" cmake --build "$work/build"
configure "$work/build-lis" "$@"
measure "clean build, lis only (make run)" cmake --build "$work/build-lis" --target lis

echo "Build times on $(nproc) cores, $(git rev-parse --short HEAD)${*:+, $*}"
echo
printf '| %-58s | %8s | %8s |\n' "step" "wall s" "CPU s"
printf '|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "----------" "----------"
printf '%s\n' "${rows[@]}"
echo
echo "Binaries (MB):"
for b in lis lis_unit_tests lis_integration_tests; do
  [[ -f $work/build/$b ]] && printf '  %-24s %6.1f\n' "$b" "$(awk -v n="$(stat -c %s "$work/build/$b")" 'BEGIN {print n / 1048576}')"
done
