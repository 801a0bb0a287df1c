// Migrates the database (SQLite file, or PostgreSQL when DATABASE_URL is set) and, unless --no-seed, fills an empty one with the demo data.
import { prepareConfiguredDatabase } from "@/db/prepare";
import { describeRekey } from "@/db/rekeyAuditChain";

const result = await prepareConfiguredDatabase({ seed: !process.argv.includes("--no-seed") });
console.log(
  `Database ${result.target}: migrated${result.seeded ? `, demo data seeded (${result.seeded.procedures} procedures in ${result.seeded.ms} ms)` : ""}.`,
);
const rekeyed = describeRekey(result.auditChain);
if (rekeyed) console.log(rekeyed);
