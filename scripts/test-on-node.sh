#!/bin/sh
# The tests of every published package on another Node.js binary: .ci/run's version matrix.
# Usage: scripts/test-on-node.sh NODE_BINARY   (after a build; it builds nothing)
# npm scripts would put node_modules/.bin first on PATH, where the workspace's own Node 24 is
# linked, so vitest is started here directly, with NODE_BINARY's folder first on PATH for
# whatever the tests spawn.
set -eu
node_binary=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
export PATH="$(dirname "$node_binary"):$PATH"
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 REDOCLY_TELEMETRY=off SCARF_ANALYTICS=false
dirs=$("$node_binary" --input-type=module -e "
  import { publishablePackages } from '$root/scripts/check-changesets.js';
  console.log(publishablePackages('$root').map((pkg) => pkg.dir).join(' '));")
for dir in $dirs; do
  echo "== $dir on Node $("$node_binary" --version)"
  (cd "$root/$dir" && "$node_binary" "$root/node_modules/vitest/vitest.mjs" run)
done
