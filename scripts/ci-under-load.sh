#!/usr/bin/env bash
# Runs .ci/run on fresh clones of HEAD, N times in a row, while stress-ng keeps
# every core busy: the proof that no test depends on timing. Prints one line per
# run (exit code, wall seconds) and exits non-zero if any run failed.
#   scripts/ci-under-load.sh [runs=3] [stress-ng --cpu workers=2; 0 = no load]
set -uo pipefail
runs=${1:-3}
cpus=${2:-2}
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
logdir=${CI_LOAD_LOGS:-/tmp/ci-under-load}
mkdir -p "$logdir"

if [ "$cpus" -gt 0 ]; then
  command -v stress-ng >/dev/null || { apt-get update -qq && apt-get install -y -qq stress-ng >/dev/null; }
  stress-ng --cpu "$cpus" --timeout 0 --quiet &
  stress=$!
  trap 'kill $stress 2>/dev/null' EXIT
fi

failed=0
for i in $(seq 1 "$runs"); do
  clone=$(mktemp -d /tmp/ci-clone.XXXX)
  git clone -q "$repo" "$clone"
  start=$(date +%s)
  (cd "$clone" && CI=true bash .ci/run </dev/null >"$logdir/run-$i.log" 2>&1)
  code=$?
  echo "run $i/$runs: exit $code in $(( $(date +%s) - start )) s (stress-ng --cpu $cpus; load $(cut -d' ' -f1-3 /proc/loadavg); log $logdir/run-$i.log)"
  [ $code -eq 0 ] || failed=1
  rm -rf "$clone"
done
exit $failed
