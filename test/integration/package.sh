#!/usr/bin/env bash
# Builds the VSIX (production bundles + the .vscodeignore allow-list) with @vscode/vsce installed
# into test/integration/.work/, prints its size and content, then smoke-tests it: installs it into a
# throw-away code-server extensions dir and runs suite/smoke.test.js against that installed copy, and
# runs the web suite (test/web/run.mjs --vsix) against the VSIX's extension folder.
# Usage: bash test/integration/package.sh [--no-smoke]       (VSIX: test/integration/.work/*.vsix)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="${MULTUS_IT_WORK:-$HERE/.work}"
VSCE_VERSION=3.9.2
SMOKE=1
for a in "$@"; do
  case "$a" in
    --no-smoke) SMOKE=0 ;;
    *) echo "usage: $0 [--no-smoke]" >&2; exit 2 ;;
  esac
done
log() { echo "[package] $*"; }

if [ "$(node -p "try{require('$WORK/vsce/node_modules/@vscode/vsce/package.json').version}catch{''}")" != "$VSCE_VERSION" ]; then
  log "npm install @vscode/vsce@$VSCE_VERSION into .work/vsce"
  mkdir -p "$WORK/vsce"
  [ -f "$WORK/vsce/package.json" ] || echo '{"name":"multus-it-tools","private":true}' > "$WORK/vsce/package.json"
  (cd "$WORK/vsce" && npm install --no-audit --no-fund --loglevel=error "@vscode/vsce@$VSCE_VERSION")
fi
VSCE="$WORK/vsce/node_modules/.bin/vsce"

cd "$ROOT"
log "node esbuild.mjs --production && node scripts/copy-media.mjs"
rm -f dist/client.js dist/server.js dist/web/client.js dist/web/server.js
node esbuild.mjs --production && node scripts/copy-media.mjs

name_version="$(node -p 'const p=require("./package.json"); p.name + "-" + p.version')"
VSIX="$WORK/$name_version.vsix"
# The packaged README keeps the links to what the VSIX carries relative (screenshots, docs) and
# points the others to the repository (scripts/vsix-readme.mjs).
node scripts/vsix-readme.mjs dist/vsix/README.md
flags=(--no-dependencies --no-rewrite-relative-links --readme-path dist/vsix/README.md --out "$VSIX")
[ -f LICENSE ] || { log "WARNING: no LICENSE file; packaging with --skip-license"; flags+=(--skip-license); }
node -e 'process.exit(require("./package.json").repository ? 0 : 1)' \
  || { log "WARNING: no repository in package.json; packaging with --allow-missing-repository"; flags+=(--allow-missing-repository); }
rm -f "$VSIX"
"$VSCE" package "${flags[@]}"
log "$(basename "$VSIX"): $(stat -c %s "$VSIX") bytes ($(du -h "$VSIX" | cut -f1))"

# The development build is unminified with source maps: restore it for the other test runs.
node esbuild.mjs

if [ "$SMOKE" = 1 ]; then
  log "smoke test of the installed VSIX"
  node "$HERE/runner.mjs" --install-vsix "$VSIX" --files smoke.test.js --timeout "${MULTUS_IT_TIMEOUT:-180}"
  log "the web suite against the VSIX's web entry (VS Code for the Web; skipped without chromium)"
  node "$ROOT/test/web/run.mjs" --vsix="$VSIX"
fi
