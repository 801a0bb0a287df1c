// Gives the browser tests a fresh, empty database before the server seeds it: removes the SQLite e2e folder,
// or (E2E_POSTGRES_URL set) drops and recreates the e2e database on that PostgreSQL server and removes the run's
// key folder. Either way the audit checkpoints of the last run go with the database they described.
import fs from "node:fs";
import path from "node:path";
import { createPostgresDatabase, dropPostgresDatabase } from "@/db/postgresAdmin";

const admin = process.env.E2E_POSTGRES_URL;
if (admin) {
  const name = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  await dropPostgresDatabase(admin, name);
  await createPostgresDatabase(admin, name);
  fs.rmSync(path.dirname(path.resolve(process.env.DATABASE_PATH!)), { recursive: true, force: true });
} else {
  fs.rmSync("data/e2e", { recursive: true, force: true });
}
