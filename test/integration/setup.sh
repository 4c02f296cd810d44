#!/usr/bin/env bash
# Installs what the integration tests need, without touching the project's package.json:
#   - Debian packages: chromium (headless workbench), libkrb5-dev (code-server's kerberos module
#     builds against gssapi), ripgrep (code-server's @vscode/ripgrep would download it otherwise);
#   - code-server and playwright-core, into test/integration/.work/ (git-ignored).
# Idempotent: a second run only checks versions. Needs Node 20 (code-server 4.100.x insists on it),
# the npm registry and Debian's archive; nothing else is downloaded.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
WORK="${MULTUS_IT_WORK:-$HERE/.work}"

CS_VERSION=4.100.3          # = VS Code 1.100.3; the last code-server whose engines.node is 20
PW_VERSION=1.65.1           # playwright-core: drives Debian's chromium, downloads no browser
RG_PKG_VERSION=1.15.11      # the @vscode/ripgrep that code-server 4.100.3 pins
RG_BIN_VERSION=v13.0.0-10   # the ripgrep release that @vscode/ripgrep 1.15.11 fetches

log() { echo "[setup] $*"; }
node -v | grep -q '^v20\.' || { echo "[setup] need Node 20 for code-server $CS_VERSION (found $(node -v))" >&2; exit 1; }

# 1. Debian packages.
need=()
command -v chromium >/dev/null || need+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need+=(libkrb5-dev)
command -v rg >/dev/null || need+=(ripgrep)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# 2. @vscode/ripgrep's postinstall fetches rg from GitHub unless its cache already holds the archive:
#    seed the cache with Debian's rg.
case "$(uname -m)" in
  x86_64) RG_TARGET=x86_64-unknown-linux-musl ;;
  aarch64 | arm64) RG_TARGET=aarch64-unknown-linux-musl ;;
  *) echo "[setup] unsupported architecture $(uname -m)" >&2; exit 1 ;;
esac
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VERSION"
RG_ASSET="$RG_CACHE/ripgrep-$RG_BIN_VERSION-$RG_TARGET.tar.gz"
if [ ! -s "$RG_ASSET" ]; then
  log "seeding $RG_ASSET with $(command -v rg)"
  mkdir -p "$RG_CACHE" "$WORK/rgtmp"
  cp "$(command -v rg)" "$WORK/rgtmp/rg"
  tar czf "$RG_ASSET" -C "$WORK/rgtmp" rg
  rm -rf "$WORK/rgtmp"
fi

# 3. npm packages, each in its own prefix under .work/ (installed version checked first).
installed() { node -p "try{require('$1/node_modules/$2/package.json').version}catch{''}" 2>/dev/null; }
npm_into() { # dir package version [extra env...]
  local dir="$1" pkg="$2" ver="$3"
  if [ "$(installed "$dir" "$pkg")" = "$ver" ]; then return; fi
  log "npm install $pkg@$ver into ${dir#"$HERE"/}"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"multus-it-tools","private":true}' > "$dir/package.json"
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error "$pkg@$ver")
}
# As root, code-server's postinstall demands unsafe-perm; node-pty's postinstall runs `npx node-gyp`,
# which an npmrc with yes=false cancels.
export npm_config_unsafe_perm=true npm_config_yes=true
T0=$SECONDS
npm_into "$WORK/cs" code-server "$CS_VERSION"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_into "$WORK/tools" playwright-core "$PW_VERSION"
XDG_CONFIG_HOME="$WORK/xdg-config" XDG_DATA_HOME="$WORK/xdg-data" "$WORK/cs/node_modules/.bin/code-server" --version >/dev/null 2>&1 \
  || { echo "[setup] code-server does not start; remove $WORK/cs and run again" >&2; exit 1; }
log "ready ($((SECONDS - T0))s for npm): code-server $CS_VERSION, playwright-core $PW_VERSION, $(chromium --version 2>/dev/null | head -1)"
