// npm run db:migrate-to-postgres -- [--from data/mild.db] [--to postgres://user:pass@host/db]
// Copies an existing SQLite database into an EMPTY PostgreSQL database in one transaction (the target defaults
// to DATABASE_URL), after migrating both to the current schema. Row counts and the audit hash chain are
// verified inside the transaction; on any failure nothing is committed and the target stays empty.
// Stop the app first (or accept that writes made during the copy stay behind in the SQLite file).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { asc } from "drizzle-orm";
import { migrateDatabase, openDatabase, resolveDatabasePath } from "@/db/connection";
import { CopyError, copySqliteToPostgres } from "@/db/copyToPostgres";
import { isPostgresUrl } from "@/db/dialect";
import { migratePostgres, openPostgres } from "@/db/postgres";
import { redactUrl } from "@/db/prepare";
import { auditLog } from "@/db/schema.sqlite";
import { openSqliteConnection } from "@/db/appDatabase";
import { describeRekey, rekeyAuditChain } from "@/db/rekeyAuditChain";
import { auditKey, auditKeyFile } from "@/lib/audit/auditKey";
import { verifyChain, type ChainRow } from "@/lib/audit/hashChain";

const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
const from = values.from ?? resolveDatabasePath();
const to = values.to ?? process.env.DATABASE_URL;

if (!fs.existsSync(from)) {
  console.error(`No SQLite database at ${from} (give --from PATH).`);
  process.exit(2);
}
if (!isPostgresUrl(to)) {
  console.error("Give the target as --to postgres://user:password@host:5432/database (or set DATABASE_URL).");
  process.exit(2);
}

const source = openDatabase(from);
migrateDatabase(source);
// As the app's own start would: a chain from before the audit key is re-keyed first (once), under the source's key.
const key = auditKey(from);
const rekeyConnection = openSqliteConnection(from);
try {
  const rekeyed = describeRekey(await rekeyAuditChain(rekeyConnection, key, { acceptBroken: process.env.AUDIT_REKEY_ACCEPT_BROKEN === "1" }));
  if (rekeyed) console.log(rekeyed);
} finally {
  await rekeyConnection.close();
}
const sourceChain = verifyChain(source.select().from(auditLog).orderBy(asc(auditLog.id)).all() as ChainRow[], key);
if (!sourceChain.ok) {
  console.error(
    `The source's audit chain is already broken at row ${sourceChain.brokenAtId} (${sourceChain.reason}); nothing copied. Investigate before migrating.`,
  );
  process.exit(1);
}

const target = openPostgres(to, { max: 1 });
try {
  await migratePostgres(target);
  const report = await copySqliteToPostgres(source, target, { auditKey: key });
  console.log(`Copied ${from} → ${redactUrl(to)} in ${(report.ms / 1000).toFixed(1)} s, one transaction:`);
  for (const t of report.tables) console.log(`  ${t.table.padEnd(20)} ${String(t.rows).padStart(9)} rows`);
  console.log(`Verified: row counts match in every table; audit chain intact (${report.auditRows} rows, last hash ${report.lastHash?.slice(0, 16) ?? "—"}…).`);
  console.log(
    `Next: start the app with DATABASE_URL=${redactUrl(to)}, and the same audit key (AUDIT_KEY, or ${auditKeyFile(from)} in DATABASE_PATH's folder) and audit checkpoints.`,
  );
} catch (error) {
  const message = error instanceof CopyError ? error.message : `Copy failed: ${(error as Error).message}`;
  console.error(`${message}\nNothing was committed; the target is unchanged.`);
  process.exitCode = 1;
} finally {
  source.$client.close();
  await target.$client.end();
}
