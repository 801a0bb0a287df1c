// Gives the browser tests a fresh, empty database before the server seeds it: removes the SQLite e2e folder,
// or (E2E_POSTGRES_URL set) drops and recreates the e2e database on that PostgreSQL server.
import fs from "node:fs";
import pg from "pg";

const admin = process.env.E2E_POSTGRES_URL;
if (admin) {
  const url = new URL(process.env.DATABASE_URL!);
  const name = url.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unexpected e2e database name ${name}`);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  await client.end();
} else {
  fs.rmSync("data/e2e", { recursive: true, force: true });
}
