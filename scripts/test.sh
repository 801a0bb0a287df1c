#!/usr/bin/env bash
# npm test: every suite (unit + integration with vitest, browser with Playwright), then one totals line.
set -uo pipefail
cd "$(dirname "$0")/.."
# Playwright empties test-results/ when it starts, so the reports live elsewhere.
mkdir -p reports
rm -f reports/vitest-results.json reports/e2e-results.json

npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest-results.json
vitest_status=$?

npx tsx scripts/ensure-browser.ts && npx playwright test
e2e_status=$?

node scripts/count-results.mjs reports/vitest-results.json reports/e2e-results.json
if [ $vitest_status -ne 0 ] || [ $e2e_status -ne 0 ]; then exit 1; fi
