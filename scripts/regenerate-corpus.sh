#!/usr/bin/env bash
# Regenerates the committed corpus/ from the sources (seed 1), removing samples that no longer
# exist. corpus/keys/ is the cast itself (made once by scripts/make-cast.ts) and is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build.mjs
rm -rf corpus/samples corpus/content corpus/manifest.yaml
node bin/cmsi.js generate --out corpus --seed 1
