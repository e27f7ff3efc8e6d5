#!/usr/bin/env bash
# Builds masking-bench/target/benchmarks.jar, runs the suite (or the benchmarks matching the given
# JMH regexps) with -prof gc, and writes masking-bench/results/<date>[-short].{json,md}.
#
#   masking-bench/bench.sh                  # full run: the suite's annotations (1 fork, 3x2 s + 5x2 s)
#   masking-bench/bench.sh --short          # quick look: 1 fork, 4x1 s warmup, 3x1 s measurement
#   masking-bench/bench.sh --short JsonBody # only JsonBodyBenchmark
#   JAVA=/path/to/jdk25/bin/java masking-bench/bench.sh   # another JDK (build stays on release 17)
#   SUFFIX=b masking-bench/bench.sh --short # a second run the same day: <date>-short-b.{json,md}
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA:-java}"
mode=full
opts=()
if [ "${1:-}" = "--short" ]; then
  mode=short
  opts=(-wi 4 -w 1s -i 3 -r 1s)
  shift
fi
mvn -q -B -pl masking-bench -am package -DskipTests
stamp="$(date -u +%F)"
[ "$mode" = short ] && stamp="$stamp-short"
jdk="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
[ -n "${SUFFIX:-}" ] && stamp="$stamp-$SUFFIX"
[ "$jdk" != "" ] && [ "${jdk%%.*}" != "17" ] && stamp="$stamp-jdk${jdk%%.*}"
mkdir -p masking-bench/results
json="masking-bench/results/$stamp.json"
"$JAVA" -jar masking-bench/target/benchmarks.jar "$@" -f 1 "${opts[@]}" -prof gc -rf json -rff "$json"
"$JAVA" -cp masking-bench/target/benchmarks.jar dev.masking.bench.Results "$json" \
  "masking-bench/results/$stamp.md" "masking-bench/bench.sh ${mode/full/} $* (JMH -f 1 ${opts[*]} -prof gc)"
