import "server-only";
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, lt, ne, or } from "drizzle-orm";
import { getDb, transaction, type AppDatabase } from "@/db/client";
import { sessions } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { sessionIdleSeconds, sessionMaxAgeSeconds, sessionTouchIntervalSeconds } from "@/lib/auth/sessionPolicy";
import type { Principal } from "@/lib/dal/principal";

/**
 * Server-side sessions. The session token (a next-auth JWT) carries a random `sid`; this table says whether
 * that session is still alive. Chosen over a `lastSeenAt` claim refreshed in the token because:
 *  - the idle timeout is measured on the server from real requests, not from a client that must keep polling
 *    `/api/auth/session` (a copied cookie would otherwise stay good until its own expiry);
 *  - signing out deletes the row, so a token copied before sign-out is dead afterwards;
 *  - one session can be ended without ending the others ("sign out other sessions", enrolling a second factor),
 *    which the user-wide `session_version` cannot do.
 * The cost is one primary-key read per request and at most one write per session per minute.
 */

const iso = (ms: number) => new Date(ms).toISOString();

export type SessionMeta = { clientAddress: string | null; userAgent: string | null };

/** Creates the row for a new session; called inside the sign-in transaction. Returns the `sid` claim. */
export async function insertSession(tx: AppDatabase, userId: number, meta: SessionMeta, now = Date.now()): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await tx.insert(sessions).values({ id, userId, createdAt: iso(now), lastSeenAt: iso(now), clientAddress: meta.clientAddress, userAgent: meta.userAgent });
  return id;
}

/** Removes sessions past their idle timeout or absolute lifetime; they could never be used again. */
export async function purgeDeadSessions(tx: AppDatabase, now = Date.now()): Promise<void> {
  await tx
    .delete(sessions)
    .where(or(lt(sessions.lastSeenAt, iso(now - sessionIdleSeconds() * 1000)), lt(sessions.createdAt, iso(now - sessionMaxAgeSeconds() * 1000))));
}

export type SessionCheck = "alive" | "unknown" | "idle" | "expired";

/**
 * Is session `sid` of user `userId` still alive at `now`? Refreshes its last-seen time when that is more than
 * a minute old. An idle or expired session is deleted (and the idle timeout audited) on the spot.
 */
export async function checkSession(sid: string, userId: number, now = Date.now()): Promise<SessionCheck> {
  const db = getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.id, sid)).limit(1);
  if (!row || row.userId !== userId) return "unknown";
  const lastSeen = Date.parse(row.lastSeenAt);
  const expired = now - Date.parse(row.createdAt) > sessionMaxAgeSeconds() * 1000;
  const idle = now - lastSeen > sessionIdleSeconds() * 1000;
  if (expired || idle) {
    await transaction(async (tx) => {
      // Only the request that actually deleted the row audits the timeout; a concurrent one finds it gone.
      const gone = await tx.delete(sessions).where(eq(sessions.id, sid)).returning({ id: sessions.id });
      if (gone.length && idle && !expired) {
        await appendAudit(tx, {
          actor: null,
          action: "auth.session_idle_timeout",
          entity: "session",
          entityId: userId,
          after: { idleMinutes: Math.round((now - lastSeen) / 60000), lastSeenAt: row.lastSeenAt },
        });
      }
    });
    return expired ? "expired" : "idle";
  }
  if (now - lastSeen >= sessionTouchIntervalSeconds() * 1000) {
    // Only moves forward, so two concurrent requests cannot set it back.
    await db
      .update(sessions)
      .set({ lastSeenAt: iso(now) })
      .where(and(eq(sessions.id, sid), lt(sessions.lastSeenAt, iso(now))));
  }
  return "alive";
}

/** Sign-out: the session's row goes, so the token is worthless even if a copy of the cookie survives. */
export async function endSession(sid: string): Promise<void> {
  await getDb().delete(sessions).where(eq(sessions.id, sid));
}

export type SessionRow = { current: boolean; createdAt: string; lastSeenAt: string; clientAddress: string | null; userAgent: string | null };

/** The principal's own open sessions, newest activity first; the ids stay on the server. */
export async function listOwnSessions(principal: Principal, currentSid: string | null, now = Date.now()): Promise<SessionRow[]> {
  const idleCutoff = iso(now - sessionIdleSeconds() * 1000);
  const rows = await getDb()
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      clientAddress: sessions.clientAddress,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(eq(sessions.userId, principal.id))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt), asc(sessions.id));
  return rows.filter((s) => s.lastSeenAt >= idleCutoff).map(({ id, ...rest }) => ({ ...rest, current: id === currentSid }));
}

/** Ends every session of the principal except the one making the request. Returns how many ended. */
export async function endOtherSessions(tx: AppDatabase, userId: number, keepSid: string | null): Promise<number> {
  const ended = await tx
    .delete(sessions)
    .where(keepSid ? and(eq(sessions.userId, userId), ne(sessions.id, keepSid)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return ended.length;
}

export async function signOutOtherSessions(principal: Principal, currentSid: string | null): Promise<number> {
  return transaction(async (tx) => {
    const ended = await endOtherSessions(tx, principal.id, currentSid);
    await appendAudit(tx, {
      actor: { id: principal.id, email: principal.email },
      action: "auth.sign_out_other_sessions",
      entity: "session",
      entityId: principal.id,
      after: { ended },
    });
    return ended;
  });
}
