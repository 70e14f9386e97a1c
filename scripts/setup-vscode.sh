#!/usr/bin/env bash
# Installs a real VS Code for the integration tests: the VS Code server inside the npm package code-server 4.100.3
# (VS Code 1.100.3, runs on Node 20), into a gitignored cache. Idempotent: returns at once when the cache is complete.
# Needs Debian packages: chromium (the workbench runs in it), ripgrep (replaces a GitHub download), libkrb5-dev (kerberos.node).
# Prints the server entry point (server-main.js) on its last stdout line.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11 # the @vscode/ripgrep version code-server 4.100.3 depends on
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

root=$(cd "$(dirname "$0")/.." && pwd)
cache=${VSCODE_TEST_CACHE:-$root/.vscode-test}
dir=$cache/code-server-$CODE_SERVER_VERSION
server_main=$dir/node_modules/code-server/lib/vscode/out/server-main.js
marker=$dir/.installed

if [[ -f $marker && -f $server_main ]]; then
  echo "$server_main"
  exit 0
fi

missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[[ -x ${CHROMIUM:-/usr/bin/chromium} ]] || missing+=(chromium)
command -v krb5-config >/dev/null || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  echo "setup-vscode: missing Debian packages; run: apt-get install -y ${missing[*]}" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable here) unless its cache already holds the tarball.
rg_cache=$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION
if [[ ! -f $rg_cache/$RIPGREP_ASSET ]]; then
  staging=$(mktemp -d)
  cp "$(command -v rg)" "$staging/rg"
  mkdir -p "$rg_cache"
  tar czf "$rg_cache/$RIPGREP_ASSET" -C "$staging" rg
  rm -rf "$staging"
fi

# Install into a fresh folder and move it into place, so an interrupted run never looks complete.
echo "setup-vscode: installing code-server@$CODE_SERVER_VERSION into $dir (about 1-3 minutes)" >&2
mkdir -p "$cache"
work=$(mktemp -d "$cache/.install-XXXXXX")
trap 'rm -rf "$work"' EXIT
echo '{ "name": "vscode-test-cache", "private": true }' >"$work/package.json"
# npm_config_yes: node-pty's install runs `npx node-gyp`, which a `yes=false` npmrc cancels.
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
(cd "$work" && npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2)
[[ -f $work/node_modules/code-server/lib/vscode/out/server-main.js ]] || {
  echo "setup-vscode: install finished but server-main.js is missing" >&2
  exit 1
}
rm -rf "$dir"
mv "$work" "$dir"
trap - EXIT
touch "$marker"
echo "$server_main"
