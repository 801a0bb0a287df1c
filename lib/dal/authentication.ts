import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInAttempts, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { DUMMY_HASH, verifyPassword } from "@/lib/auth/password";

/**
 * Checks a password and records the attempt. Sign-in runs before there is a principal, so this is the one
 * DAL entry point that takes no user; it returns only what the session token needs.
 */
export async function authenticate(email: string, password: string, clientAddress: string | null) {
  const db = getDb();
  const user = db.select().from(users).where(eq(users.email, email)).get();
  // Always run bcrypt, so response time does not reveal whether the account exists.
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  const ok = Boolean(user && passwordOk && !user.disabled);
  const at = new Date().toISOString();
  db.transaction(
    (tx) => {
      tx.insert(signInAttempts).values({ at, email, clientAddress, succeeded: ok }).run();
      appendAudit(tx, {
        actor: ok && user ? { id: user.id, email: user.email } : null,
        action: ok ? "auth.sign_in" : "auth.sign_in_failed",
        entity: "session",
        entityId: user?.id ?? null,
        after: { email, clientAddress, ...(ok ? {} : { reason: !user ? "unknown account" : user.disabled ? "account disabled" : "wrong password" }) },
      });
    },
    { behavior: "immediate" },
  );
  return ok && user ? { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } : null;
}

export async function recordSignOut(userId: number, email: string | null): Promise<void> {
  getDb().transaction(
    (tx) => appendAudit(tx, { actor: { id: userId, email: email ?? "" }, action: "auth.sign_out", entity: "session", entityId: userId }),
    { behavior: "immediate" },
  );
}
