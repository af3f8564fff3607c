#!/usr/bin/env bash
# Installs what the e2e run needs, offline except for Debian apt and the npm registry:
# Debian packages (Chromium, ripgrep, code-server's native build deps) and code-server 4.100.3
# into .e2e/code-server. Idempotent: every step is skipped when its result is already there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CS_VERSION="4.100.3"            # VS Code 1.100; 4.103+ needs Node 22
RG_VERSION="1.15.11"            # @vscode/ripgrep version code-server 4.100.3 depends on
RG_ARCHIVE="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
CS_DIR="$ROOT/.e2e/code-server"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"

log() { printf 'e2e-install: %s\n' "$*"; }

# 1. Debian packages, only those missing (apt needs root; use sudo when not root).
PKGS=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  log "apt-get install ${missing[*]}"
  # Another apt run may hold the dpkg lock (e.g. a provisioning step): wait for it, up to 10 min.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages present"
fi

# 2. code-server, in a folder of its own so it never touches the project's dependencies.
installed_version() { node -p "require('$CS_DIR/node_modules/code-server/package.json').version" 2>/dev/null || true; }
if [[ -x "$CS_BIN" && "$(installed_version)" == "$CS_VERSION" ]]; then
  log "code-server $CS_VERSION present"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the
# archive: seed that cache with Debian's rg.
CACHE="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RG_VERSION"
if [[ ! -s "$CACHE/$RG_ARCHIVE" ]]; then
  log "seeding ripgrep cache at $CACHE"
  mkdir -p "$CACHE"
  tmp="$(mktemp -d)"
  cp "$(command -v rg)" "$tmp/rg"
  tar -czf "$CACHE/$RG_ARCHIVE" -C "$tmp" rg
  rm -rf "$tmp"
fi

mkdir -p "$CS_DIR"
[[ -f "$CS_DIR/package.json" ]] || echo '{ "name": "posthoc-e2e-code-server", "private": true }' > "$CS_DIR/package.json"
log "npm install code-server@$CS_VERSION (about a minute)"
(cd "$CS_DIR" && npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION")
[[ "$(installed_version)" == "$CS_VERSION" ]] || { log "code-server did not install"; exit 1; }
log "code-server $(installed_version) installed"
