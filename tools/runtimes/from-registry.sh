#!/usr/bin/env bash
# Installs <package>@<version> from the npm registry into .cache/<folder>/ the first time, and
# prints the path of <file> inside the installed package. What node.sh and pnpm.sh share.
#   tools/runtimes/from-registry.sh pnpm 10 pnpm-10 bin/pnpm.cjs
set -euo pipefail
package="$1"
version="$2"
folder="$3"
file="$4"
here="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$here/.cache/$folder"
bin="$dir/node_modules/$package/$file"
if [ ! -f "$bin" ]; then
  mkdir -p "$dir"
  (cd "$dir" && echo '{"private":true}' > package.json && npm install --no-audit --no-fund --no-save --silent "$package@$version" >&2)
fi
echo "$bin"
