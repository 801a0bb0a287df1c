import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";

/**
 * What the sign-in page may say about demo accounts: only when the demo seed created them and the demo admin
 * is still enabled (a clinic that disables it has left demo mode). Returns null otherwise.
 */
export async function demoAccounts(): Promise<{ physicians: number; coordinators: number } | null> {
  const db = getDb();
  const [seeded] = await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "seed.demo")).limit(1);
  if (!seeded) return null;
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, "admin@example.org"), eq(users.disabled, false)))
    .limit(1);
  if (!admin) return null;
  // lower(): LIKE ignores case on SQLite but not on PostgreSQL; the same answer on both.
  const numbered = async (role: "physician" | "coordinator") => {
    const [row] = await db
      .select({ n: count() })
      .from(users)
      .where(and(eq(users.role, role), sql`lower(${users.email}) like ${`${role}%@example.org`}`));
    return row?.n ?? 0;
  };
  return { physicians: await numbered("physician"), coordinators: await numbered("coordinator") };
}
