#!/usr/bin/env bash
# Rebuild static/plotly-topojson/ (the map's world outline) from the plotly.js npm package.
# Needs node and npm; npm checks the tarball against the registry's integrity hash.
# The dashboard serves the result itself (Streamlit static serving), so the map never
# reaches cdn.plot.ly; run this only to move to another plotly.js release.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-3.7.0}"
out="static/plotly-topojson"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "plotly.js@$version" >/dev/null)
tar -xzf "$tmp/plotly.js-$version.tgz" -C "$tmp" package/dist/plotly-geo-assets.js package/LICENSE
mkdir -p "$out"
# plotly-geo-assets.js is a UMD bundle holding every topojson plotly.js fetches; it ends
# by assigning window.Plotly, so a stub window lets node load it.
node -e '
  globalThis.window = {};
  const assets = require(process.argv[1]);
  require("fs").writeFileSync(process.argv[2], JSON.stringify(assets.topojson.world_50m));
  console.log("plotly.js geo assets", assets.version);
' "$tmp/package/dist/plotly-geo-assets.js" "$out/world_50m.json"
cp "$tmp/package/LICENSE" "$out/LICENSE.plotly.js"
sha256sum "$out/world_50m.json"
