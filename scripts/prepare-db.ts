// Migrates the database and, unless --no-seed, fills an empty one with the demo data.
import { resolveDatabasePath } from "@/db/connection";
import { prepareDatabase } from "@/db/prepare";

const file = resolveDatabasePath();
const result = await prepareDatabase(file, { seed: !process.argv.includes("--no-seed") });
console.log(`Database ${file}: migrated${result.seeded ? `, demo data seeded (${result.seeded.procedures} procedures in ${result.seeded.ms} ms)` : ""}.`);
