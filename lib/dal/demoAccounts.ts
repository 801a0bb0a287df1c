import "server-only";
import { and, count, eq, like } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";

/**
 * What the sign-in page may say about demo accounts: only when the demo seed created them and the demo admin
 * is still enabled (a clinic that disables it has left demo mode). Returns null otherwise.
 */
export async function demoAccounts(): Promise<{ physicians: number } | null> {
  const db = getDb();
  const seeded = db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, "seed.demo")).limit(1).get();
  if (!seeded) return null;
  const admin = db.select({ id: users.id }).from(users).where(and(eq(users.email, "admin@example.org"), eq(users.disabled, false))).get();
  if (!admin) return null;
  const physicians = db.select({ n: count() }).from(users).where(and(eq(users.role, "physician"), like(users.email, "physician%@example.org"))).get();
  return { physicians: physicians?.n ?? 0 };
}
