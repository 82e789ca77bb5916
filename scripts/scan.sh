#!/usr/bin/env bash
# `npm run scan`: the rules n8n's community-package scanner applies (eslint.scan.config.mjs), on both things
# it looks at: the source (nodes, credentials, src, package.json) and the tarball npm would publish, packed,
# unpacked into a temp folder and linted file by file (the compiled dist/**/*.js, its .d.ts and .json, and
# the published package.json). Inline eslint-disable comments are ignored, as the scanner ignores them.
# Zero findings: warnings fail too.
#
# Why not run `npx @n8n/scan-community-package n8n-nodes-crm-bridge` itself: it fetches the package by name
# from the npm registry (metadata, provenance, tarball), and this package is unpublished until a release.
# After publishing, run it once against the registry as the final check (see README, "Releasing").
#
# Lints what is in dist/ now: run `npm run build` first (npm test and npm run release do).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
config="$root/eslint.scan.config.mjs"
eslint="$root/node_modules/.bin/eslint"
lint() { "$eslint" --no-inline-config --max-warnings 0 -c "$config" "$@"; }

echo "[scan] source: nodes credentials src package.json"
lint nodes credentials src package.json

[ -d dist ] || { echo "[scan] dist/ is missing: run npm run build first" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)
tar -xzf "$tmp/$tarball" -C "$tmp"
echo "[scan] tarball: $tarball ($(tar -tzf "$tmp/$tarball" | wc -l) files)"
# ESLint (9.x) matches files against the current folder, so it runs inside the unpacked package; the
# config (and the plugins it imports) still resolve from this clone.
files=$(cd "$tmp/package" && find . -type f \( -name '*.js' -o -name '*.ts' -o -name '*.json' \) | sort)
[ -n "$files" ] || { echo "[scan] the tarball holds nothing to lint" >&2; exit 1; }
# shellcheck disable=SC2086 # one path per word: npm package paths hold no spaces
(cd "$tmp/package" && lint $files)
echo "[scan] no findings"
