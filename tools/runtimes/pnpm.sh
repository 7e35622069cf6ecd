#!/usr/bin/env bash
# Prints the path of a pnpm entry point (a Node script) of the given major version (default 10),
# installing it from the npm registry's pnpm package into .cache/pnpm-<major>/ the first time.
# Not a dependency of the workspace: only the pnpm (isolated node_modules) install test uses it.
#   tools/runtimes/pnpm.sh 10          -> /path/to/.cache/pnpm-10/node_modules/pnpm/bin/pnpm.cjs
set -euo pipefail
major="${1:-10}"
bin="$("$(dirname "$0")/from-registry.sh" pnpm "$major" "pnpm-$major" bin/pnpm.cjs)"
(cd "$(dirname "$bin")" && node "$bin" --version >&2)
echo "$bin"
