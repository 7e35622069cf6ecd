#!/usr/bin/env bash
# Prints the path of a pnpm entry point (a Node script) of the given major version (default 10),
# installing it from the npm registry's pnpm package into .cache/pnpm-<major>/ the first time.
# Not a dependency of the workspace: only the pnpm (isolated node_modules) install test uses it.
#   tools/runtimes/pnpm.sh 10          -> /path/to/.cache/pnpm-10/node_modules/pnpm/bin/pnpm.cjs
set -euo pipefail
major="${1:-10}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$here/.cache/pnpm-$major"
bin="$dir/node_modules/pnpm/bin/pnpm.cjs"
if [ ! -f "$bin" ]; then
  mkdir -p "$dir"
  (cd "$dir" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --no-save --silent "pnpm@$major" >&2)
fi
(cd "$dir" && node "$bin" --version >&2)
echo "$bin"
