/**
 * Server-side sessions: the idle timeout (SESSION_IDLE_MINUTES, default 30) measured from real requests, the
 * absolute lifetime (SESSION_MAX_HOURS) still ending an active session, sign-out killing the token, and
 * "sign out other sessions". Time is passed in, never waited for.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { auditLog, sessions, users } from "@/db/schema";
import { verifyChain } from "@/lib/audit/hashChain";
import { hashPassword } from "@/lib/auth/password";
import { authenticate, recordSignOut } from "@/lib/dal/auth/authentication";
import { principalFromClaims } from "@/lib/dal/auth/currentPrincipal";
import { checkSession, listOwnSessions, signOutOtherSessions } from "@/lib/dal/auth/sessionRows";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertUser, principalOf } from "../support/fixtures";

const { db } = await tempDatabaseForFile("sessions");
afterEach(() => {
  delete process.env.SESSION_IDLE_MINUTES;
  delete process.env.SESSION_MAX_HOURS;
});

const MIN = 60_000;
const PASSWORD = "session test pw";
let user: Awaited<ReturnType<typeof insertUser>>;
let other: Awaited<ReturnType<typeof insertUser>>;

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD, 4);
  user = await insertUser(db, "physician", { email: "sessions@test.example", passwordHash });
  other = await insertUser(db, "physician", { email: "other@test.example", passwordHash });
});

/** A sign-in at `now`, and the claims its token would carry. */
async function signIn(now: number, email = user.email) {
  const signedIn = (await authenticate(email, PASSWORD, "10.1.1.1", { now, userAgent: "vitest" }))!;
  return { id: signedIn.id, sv: signedIn.sessionVersion, signedInAt: now, sid: signedIn.sid };
}
const row = async (sid: string) => (await db.select().from(sessions).where(eq(sessions.id, sid)))[0];

describe("idle timeout", () => {
  it("ends a session idle for longer than 30 minutes, deletes it and audits the timeout", async () => {
    const t0 = Date.now();
    const claims = await signIn(t0);
    expect(await principalFromClaims(claims, t0 + 29 * MIN)).toMatchObject({ id: user.id });
    // 29 minutes later it was used, so the clock restarts there: 31 minutes after that it is idle.
    expect(await principalFromClaims(claims, t0 + 60 * MIN + 1)).toBeNull();
    expect(await row(claims.sid)).toBeUndefined();
    const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({ action: "auth.session_idle_timeout", entity: "session", entityId: String(user.id) });
    // Gone for good: coming back a moment later does not revive it.
    expect(await principalFromClaims(claims, t0 + 60 * MIN + 2)).toBeNull();
  });

  it("keeps an active session alive well past the idle timeout", async () => {
    const t0 = Date.now();
    const claims = await signIn(t0);
    for (let minute = 10; minute <= 240; minute += 10) {
      expect(await principalFromClaims(claims, t0 + minute * MIN), `request at minute ${minute}`).not.toBeNull();
    }
  });

  it("writes the last-seen time at most once a minute", async () => {
    const t0 = Date.now();
    const claims = await signIn(t0);
    await principalFromClaims(claims, t0 + 59_000);
    expect((await row(claims.sid))!.lastSeenAt).toBe(new Date(t0).toISOString());
    await principalFromClaims(claims, t0 + 61_000);
    expect((await row(claims.sid))!.lastSeenAt).toBe(new Date(t0 + 61_000).toISOString());
  });

  it("follows SESSION_IDLE_MINUTES", async () => {
    process.env.SESSION_IDLE_MINUTES = "5";
    const t0 = Date.now();
    const claims = await signIn(t0);
    expect(await principalFromClaims(claims, t0 + 4 * MIN)).not.toBeNull();
    expect(await principalFromClaims(claims, t0 + 9 * MIN + 1)).toBeNull();
  });
});

describe("absolute lifetime", () => {
  it("still ends an active session after SESSION_MAX_HOURS (12 h)", async () => {
    const t0 = Date.now();
    const claims = await signIn(t0);
    for (let minute = 20; minute < 12 * 60; minute += 20) expect(await principalFromClaims(claims, t0 + minute * MIN)).not.toBeNull();
    expect(await principalFromClaims(claims, t0 + 12 * 60 * MIN + 1)).toBeNull();
  });

  it("is checked on the server row too, whatever the token's signedInAt claims", async () => {
    process.env.SESSION_MAX_HOURS = "1";
    const t0 = Date.now();
    const claims = await signIn(t0);
    expect(await principalFromClaims({ ...claims, signedInAt: t0 + 50 * MIN }, t0 + 61 * MIN)).toBeNull();
    expect(await checkSession(claims.sid, user.id, t0 + 61 * MIN)).toBe("unknown");
  });
});

describe("ending sessions", () => {
  it("sign-out deletes the session, so a copy of the token is worthless afterwards", async () => {
    const t0 = Date.now();
    const claims = await signIn(t0);
    await recordSignOut(user.id, user.email, claims.sid);
    expect(await principalFromClaims(claims, t0 + MIN)).toBeNull();
  });

  it("refuses a session id that belongs to another user, or none that exists", async () => {
    const t0 = Date.now();
    const mine = await signIn(t0);
    expect(await principalFromClaims({ ...mine, id: other.id }, t0)).toBeNull();
    expect(await principalFromClaims({ ...mine, sid: "made-up" }, t0)).toBeNull();
  });

  it("signs out every other session but the current one, audited", async () => {
    const t0 = Date.now();
    const a = await signIn(t0);
    const b = await signIn(t0);
    const theirs = await signIn(t0, other.email);
    expect((await listOwnSessions(principalOf(user), a.sid, t0)).filter((s) => s.current)).toHaveLength(1);
    const ended = await signOutOtherSessions(principalOf(user), a.sid);
    expect(ended).toBeGreaterThanOrEqual(1);
    expect(await principalFromClaims(a, t0 + MIN)).not.toBeNull();
    expect(await principalFromClaims(b, t0 + MIN)).toBeNull();
    expect(await principalFromClaims(theirs, t0 + MIN)).not.toBeNull();
    const sessionsLeft = await listOwnSessions(principalOf(user), a.sid, t0 + MIN);
    expect(sessionsLeft).toEqual([expect.objectContaining({ current: true, clientAddress: "10.1.1.1", userAgent: "vitest" })]);
    expect(sessionsLeft[0]).not.toHaveProperty("id");
  });

  it("a bumped session version still ends every session (password, role, disable)", async () => {
    const t0 = Date.now();
    const claims = await signIn(t0, other.email);
    await db
      .update(users)
      .set({ sessionVersion: claims.sv + 1 })
      .where(eq(users.id, other.id));
    expect(await principalFromClaims(claims, t0 + MIN)).toBeNull();
  });

  it("leaves an intact audit chain", async () => {
    expect(verifyChain(await db.select().from(auditLog).orderBy(auditLog.id)).ok).toBe(true);
  });
});
