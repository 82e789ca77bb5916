#!/usr/bin/env bash
# `npm test`: lint, build, unit + sandbox-contract tests, then the real-n8n end-to-end run.
# Ends with one summary line over both test runs ("N passed, N failed").
set -euo pipefail
cd "$(dirname "$0")/.."
results=.test-results
rm -rf "$results" && mkdir -p "$results"

npm run lint
npm run build
npx jest --json --outputFile="$results/unit.json"
E2E_SUMMARY_FILE="$results/e2e.json" npm run test:e2e

node -e '
const fs = require("fs");
const unit = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const e2e = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
console.log(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed`);
console.log(`${unit.numPassedTests + e2e.passed} passed, ${unit.numFailedTests + e2e.failed} failed`);
' "$results/unit.json" "$results/e2e.json"
