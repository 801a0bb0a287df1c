/**
 * For a PostgreSQL run (TEST_POSTGRES_URL): builds the migrated template database every test file clones, so
 * each file starts from the real schema without paying for the migrations again.
 */
import { migratePostgres, openPostgres } from "@/db/postgres";
import { createPostgresDatabase, dropPostgresDatabase, postgresDatabaseUrl } from "@/db/postgresAdmin";
import { TEMPLATE_DATABASE, testPostgresUrl } from "./tempDb";

export default async function setup() {
  const admin = testPostgresUrl();
  if (!admin) return;
  await dropPostgresDatabase(admin, TEMPLATE_DATABASE);
  await createPostgresDatabase(admin, TEMPLATE_DATABASE);
  const db = openPostgres(postgresDatabaseUrl(admin, TEMPLATE_DATABASE), { max: 1 });
  await migratePostgres(db);
  await db.$client.end(); // eslint-disable-line no-restricted-syntax -- closes the pool it opened
}
