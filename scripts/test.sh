#!/usr/bin/env bash
# `npm test`: lint, build, scanner rules, unit + sandbox-contract tests, then the real-n8n end-to-end run.
# Ends with one summary line over both test runs ("N passed, N failed"), also when one of them failed:
# a failing unit test must not hide what the end-to-end run would have shown. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
results=.test-results
rm -rf "$results" && mkdir -p "$results"

npm run lint
npm run build
# The rules of n8n's community-package scanner, on the source and on the packed tarball (so after build).
npm run scan
unit_status=0
npx jest --json --outputFile="$results/unit.json" || unit_status=$?
e2e_status=0
E2E_SUMMARY_FILE="$results/e2e.json" npm run test:e2e || e2e_status=$?

node scripts/test-summary.cjs unit="$results/unit.json" e2e="$results/e2e.json"

[ "$unit_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
