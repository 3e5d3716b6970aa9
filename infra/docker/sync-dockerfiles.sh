#!/usr/bin/env bash
# Writes services/<name>/Dockerfile from infra/docker/service.Dockerfile with SERVICE preset, so
# each service has a standalone Dockerfile while the recipe lives in one place.
#   bash infra/docker/sync-dockerfiles.sh          # rewrite them
#   bash infra/docker/sync-dockerfiles.sh --check  # exit 1 if any is missing or stale (for CI)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
template="$root/infra/docker/service.Dockerfile"
check=false
[[ "${1:-}" == "--check" ]] && check=true

render() {
  # Line 1 (`# syntax=`) must stay first; the first bare `ARG SERVICE` is the global one.
  awk -v name="$1" '
    NR == 1 { print; print "# GENERATED from infra/docker/service.Dockerfile by infra/docker/sync-dockerfiles.sh: do not edit."; next }
    !done && $0 == "ARG SERVICE" { print "ARG SERVICE=" name; done = 1; next }
    { print }
  ' "$template"
}

stale=0
for dir in "$root"/services/*/; do
  [[ -f "$dir/package.json" ]] || continue
  name="$(basename "$dir")"
  target="$dir/Dockerfile"
  if $check; then
    if ! diff -q <(render "$name") "$target" >/dev/null 2>&1; then
      echo "stale: services/$name/Dockerfile (run: bash infra/docker/sync-dockerfiles.sh)" >&2
      stale=1
    fi
  else
    render "$name" >"$target"
    echo "wrote services/$name/Dockerfile"
  fi
done
exit "$stale"
