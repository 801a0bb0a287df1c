#!/usr/bin/env bash
# npm test: every suite (unit + integration with vitest, browser with Playwright), then one totals line.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest-results.json test-results/e2e-results.json

npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest-results.json
vitest_status=$?

npx tsx scripts/ensure-browser.ts && npx playwright test
e2e_status=$?

node scripts/count-results.mjs test-results/vitest-results.json test-results/e2e-results.json
if [ $vitest_status -ne 0 ] || [ $e2e_status -ne 0 ]; then exit 1; fi
