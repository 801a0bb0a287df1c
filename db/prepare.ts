/** First-start work shared by `npm start`, `npm run dev` and the e2e server: migrate, then seed an empty database. */
import { count } from "drizzle-orm";
import { format } from "date-fns";
import { migrateDatabase, openDatabase, type AppDatabase } from "./connection";
import { users } from "./schema";
import { seedDemo, type SeedReport } from "./seed/demo";

export const DEFAULT_DEMO_PROCEDURES = 4000;
export const DEFAULT_DEMO_SEED = 20261125;

export function isEmpty(db: AppDatabase): boolean {
  return (db.select({ n: count() }).from(users).get()?.n ?? 0) === 0;
}

export async function prepareDatabase(file: string, opts: { seed: boolean }): Promise<{ migrated: true; seeded: SeedReport | null }> {
  const db = openDatabase(file);
  try {
    migrateDatabase(db);
    if (!opts.seed || !isEmpty(db)) return { migrated: true, seeded: null };
    const procedures = Number(process.env.DEMO_PROCEDURES || DEFAULT_DEMO_PROCEDURES);
    const report = await seedDemo(db, { procedures, seed: DEFAULT_DEMO_SEED, end: format(new Date(), "yyyy-MM-dd") });
    return { migrated: true, seeded: report };
  } finally {
    db.$client.close();
  }
}
