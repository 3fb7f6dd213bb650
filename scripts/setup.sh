#!/usr/bin/env bash
# Installs what `npm test` needs beyond npm packages, once: Debian packages (chromium, libkrb5-dev,
# ripgrep, a Java runtime for DynamoDB Local, python3-boto3 for the generated Python code) and code-server 4.100.3 (VS Code 1.100.3) into
# .vscode-test/code-server. Offline-safe: only Debian's archive and the npm registry are used.
# A second run finds everything in place and does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
CS_VERSION=4.100.3
CS_DIR="$PWD/.vscode-test/code-server"
say() { printf '[setup] %s\n' "$*"; }

missing=()
if [ "${1:-}" = "--code-server-only" ]; then
  command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
  [ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
else
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
# The generated Python data-access code is run against dynalite with boto3.
python3 -c 'import boto3' >/dev/null 2>&1 || missing+=(python3-boto3)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
fi
need_cs=0
[ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ] || need_cs=1

if [ ${#missing[@]} -gt 0 ]; then
  if [ ! -r /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
    say "This is not a Debian machine: please install ${missing[*]} (or your system's equivalents: Chromium, ripgrep, a Java 17+ runtime, Kerberos headers) and run npm test again."
    exit 1
  fi
  if [ "$(id -u)" != 0 ]; then
    say "Missing Debian packages: ${missing[*]}. Run as root, or install them first: sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$need_cs" = 1 ]; then
  say "installing code-server $CS_VERSION into .vscode-test/ (once, about a minute)"
  mkdir -p "$CS_DIR"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # @vscode/ripgrep's postinstall downloads rg from GitHub: pre-seed its cache with Debian's rg.
  mkdir -p "$work/rg" "$work/vscode-ripgrep-cache-1.15.11"
  cp "$(command -v rg)" "$work/rg/rg"
  tar czf "$work/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$work/rg" rg
  [ -f "$CS_DIR/package.json" ] || echo '{"name":"code-server-harness","private":true}' > "$CS_DIR/package.json"
  # node-pty's install runs `npx node-gyp` (needs yes); code-server's postinstall checks for --unsafe-perm as root. npm 11 blocks dependency install scripts
  # unless allowed; code-server's (native modules, its own postinstall) are needed in this
  # isolated test-only folder, so they are allowed there and nowhere else.
  (cd "$CS_DIR" && TMPDIR="$work" npm_config_yes=true npm install --unsafe-perm --no-audit --no-fund --no-save \
    --dangerously-allow-all-scripts "code-server@$CS_VERSION" >"$work/npm.log" 2>&1) || { tail -40 "$work/npm.log"; say "code-server install failed"; exit 1; }
  [ -f "$CS_DIR/node_modules/code-server/out/node/entry.js" ] || { tail -40 "$work/npm.log"; say "code-server install incomplete"; exit 1; }
fi
say "ready: chromium, ripgrep, java, python3-boto3, code-server $CS_VERSION"
