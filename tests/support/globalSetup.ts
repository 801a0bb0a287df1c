/* eslint-disable no-restricted-syntax -- sets up the databases the data layer then uses */
/**
 * For a PostgreSQL run (TEST_POSTGRES_URL): builds the migrated template database every test file clones, so
 * each file starts from the real schema without paying for the migrations again.
 */
import pg from "pg";
import { migratePostgres, openPostgres } from "@/db/postgres";
import { databaseUrl, TEMPLATE_DATABASE, testPostgresUrl } from "./tempDb";

export default async function setup() {
  const admin = testPostgresUrl();
  if (!admin) return;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  // C collation: text sorts by code point, as SQLite's BINARY does, so both backends order names alike.
  await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  await client.end();
  const db = openPostgres(databaseUrl(admin, TEMPLATE_DATABASE), { max: 1 });
  await migratePostgres(db);
  await db.$client.end();
}
