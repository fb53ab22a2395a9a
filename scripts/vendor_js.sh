#!/usr/bin/env bash
# Rebuild the JavaScript the web app vendors (cytoscape, for the network page) from the exact
# versions pinned in web/package-lock.json: npm ci in a scratch directory, then copy the built
# file and its licence into the package, so the app needs no network and no node at run time.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
vendor="$repo/src/legation/web/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$repo/web/package.json" "$repo/web/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund)

mkdir -p "$vendor"
cp "$work/node_modules/cytoscape/dist/cytoscape.min.js" "$vendor/cytoscape.min.js"
cp "$work/node_modules/cytoscape/LICENSE" "$vendor/cytoscape.LICENSE"
version="$(node -p "require('$work/node_modules/cytoscape/package.json').version")"
echo "vendored cytoscape $version into $vendor"
