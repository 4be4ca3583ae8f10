#!/usr/bin/env bash
# Fetch the page's third-party JavaScript from npm into crates/zhkg-serve/web/vendor/,
# where it is committed and compiled into the binary (the page loads nothing from any
# other host). Run again only to change a version; update THIRD-PARTY.md with it.
# Usage: bash scripts/vendor-web.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=crates/zhkg-serve/web/vendor
cytoscape=3.35.0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "cytoscape@$cytoscape" >/dev/null && tar xzf "cytoscape-$cytoscape.tgz")
mkdir -p "$out"
cp "$tmp/package/dist/cytoscape.min.js" "$out/cytoscape.min.js"
cp "$tmp/package/LICENSE" "$out/LICENSE-cytoscape.txt"
sha256sum "$out/cytoscape.min.js"
echo "cytoscape $cytoscape -> $out"
