// npm run db:seed -- [--procedures N] [--seed S] [--end YYYY-MM-DD] [--file PATH]
// Seeds demo data into an empty database (refuses a database that already has users). With DATABASE_URL set to a
// PostgreSQL database and no --file, the demo is generated as a SQLite file and copied there in one transaction.
import { parseArgs } from "node:util";
import { migrateDatabase, openDatabase, resolveDatabasePath } from "@/db/connection";
import { isPostgresUrl } from "@/db/dialect";
import { DEFAULT_DEMO_PROCEDURES, DEFAULT_DEMO_SEED, isEmpty, preparePostgres, redactUrl } from "@/db/prepare";
import { seedDemo } from "@/db/seed/demo";
import { todayIso } from "@/lib/outcomes/dates";

const { values } = parseArgs({
  options: {
    procedures: { type: "string", default: String(DEFAULT_DEMO_PROCEDURES) },
    seed: { type: "string", default: String(DEFAULT_DEMO_SEED) },
    end: { type: "string", default: todayIso() },
    file: { type: "string" },
  },
});
const procedures = Number(values.procedures);
const seed = Number(values.seed);
if (!Number.isInteger(procedures) || procedures < 1) throw new RangeError("--procedures must be a positive whole number");
if (!Number.isInteger(seed)) throw new RangeError("--seed must be a whole number");
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.end!)) throw new RangeError("--end must be YYYY-MM-DD");

const url = process.env.DATABASE_URL;
if (!values.file && isPostgresUrl(url)) {
  const result = await preparePostgres(url, { seed: true, demo: { procedures, seed, end: values.end! } });
  if (!result.seeded) {
    console.error(`${redactUrl(url)} already has data; the demo seed only fills an empty database.`);
    process.exit(1);
  }
  console.log(
    `Seeded ${redactUrl(url)}: ${result.seeded.procedures} procedures, ${result.seeded.assessments} assessments in ${(result.seeded.ms / 1000).toFixed(1)} s (then copied).`,
  );
  process.exit(0);
}

const file = values.file ?? resolveDatabasePath();
const db = openDatabase(file);
migrateDatabase(db);
if (!isEmpty(db)) {
  console.error(`${file} already has data; the demo seed only fills an empty database. Use another --file or remove it.`);
  process.exit(1);
}
const report = await seedDemo(db, { procedures, seed, end: values.end! });
db.$client.close();
console.log(
  `Seeded ${file}: ${report.sites} sites, ${report.users} users, ${report.patients} patients, ${report.procedures} procedures, ${report.assessments} assessments, ${report.complications} complications in ${(report.ms / 1000).toFixed(1)} s.`,
);
