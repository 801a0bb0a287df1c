// Gives the browser tests a fresh, empty database before the server seeds it: removes the SQLite e2e folder,
// or (E2E_POSTGRES_URL set) drops and recreates the e2e database on that PostgreSQL server.
import fs from "node:fs";
import { createPostgresDatabase, dropPostgresDatabase } from "@/db/postgresAdmin";

const admin = process.env.E2E_POSTGRES_URL;
if (admin) {
  const name = new URL(process.env.DATABASE_URL!).pathname.slice(1);
  await dropPostgresDatabase(admin, name);
  await createPostgresDatabase(admin, name);
} else {
  fs.rmSync("data/e2e", { recursive: true, force: true });
}
