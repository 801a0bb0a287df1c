#!/usr/bin/env bash
# npm test: every suite, then one totals line.
#   1. unit + integration (vitest) on the embedded SQLite backend
#   2. integration again on PostgreSQL          } when a PostgreSQL server can be had (scripts/ensure-postgres.sh
#   3. browser (Playwright) on SQLite            }  starts a private one, installing Debian's package as root);
#   4. browser again on PostgreSQL              }  REQUIRE_POSTGRES=1 (CI) makes its absence a failure.
# The SQLite-file suites (seed, backup, crash: the file, its WAL and its backups) run on SQLite only.
set -uo pipefail
cd "$(dirname "$0")/.."
# Playwright empties test-results/ when it starts, so the reports live elsewhere.
mkdir -p reports
rm -f reports/vitest-results.json reports/vitest-postgres-results.json reports/e2e-results.json reports/e2e-postgres-results.json
reports=(reports/vitest-results.json reports/e2e-results.json)
status=0

# The two vitest runs sit at the two edges of the world's clocks (UTC+14 and UTC−11), so a date read through a
# local-midnight Date, or a "today" taken in the server's zone instead of the site's, fails one of them.
echo "::: vitest (unit + integration) on SQLite, TZ=Pacific/Kiritimati (UTC+14)"
TZ=Pacific/Kiritimati npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest-results.json || status=1

postgres_url=""
if postgres_url=$(bash scripts/ensure-postgres.sh | tail -n 1) && [ -n "$postgres_url" ]; then
  reports+=(reports/vitest-postgres-results.json reports/e2e-postgres-results.json)
  echo "::: vitest (integration) on PostgreSQL, TZ=Pacific/Pago_Pago (UTC−11)"
  TZ=Pacific/Pago_Pago DATABASE_URL="$postgres_url" TEST_POSTGRES_URL="$postgres_url" \
    npx vitest run tests/integration --exclude "tests/integration/{seed,backup,crash}.test.ts" --reporter=default --reporter=json --outputFile.json=reports/vitest-postgres-results.json || status=1
elif [ "${REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "::: PostgreSQL is required (REQUIRE_POSTGRES=1) but none could be started: its suites count as failed."
  reports+=(reports/vitest-postgres-results.json reports/e2e-postgres-results.json)
  postgres_url=""
else
  echo "::: No PostgreSQL server available: the PostgreSQL runs are skipped (set TEST_POSTGRES_URL, or run as root to install one)."
fi

npx tsx scripts/ensure-browser.ts || status=1
echo "::: Playwright on SQLite"
npx playwright test || status=1
if [ -n "$postgres_url" ]; then
  echo "::: Playwright on PostgreSQL"
  E2E_POSTGRES_URL="$postgres_url" npx playwright test || status=1
fi

node scripts/count-results.mjs "${reports[@]}"
exit $status
