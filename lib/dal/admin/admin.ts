import "server-only";
import { asc, count, eq } from "drizzle-orm";
import { getDb, transaction, type AppDatabase } from "@/db/client";
import { sites, users, userSites } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { hashPassword } from "@/lib/auth/password";
import { newSiteSchema, siteUpdateSchema } from "@/lib/validation/sites";
import { passwordSchema, userUpdateSchema } from "@/lib/validation/users";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import { recordId } from "@/lib/dal/parse";
import type { Principal } from "@/lib/dal/principal";
import { assertSiteExists, coordinatorSitesOf, createAccount, publicUserColumns, setCoordinatorSites } from "@/lib/dal/admin/users";
import { serverTimeZone } from "@/lib/outcomes/dates";

/**
 * Administration of accounts and sites. Only admins may call any of it; every other role is refused before
 * anything is read, so a missing id cannot be told from a forbidden one. Each write and its audit row share
 * one `transaction()`, which holds the writers' turn; audit before/after values never carry a password hash.
 */

export type AdminUserRow = {
  id: number;
  email: string;
  name: string;
  role: Principal["role"];
  siteId: number | null;
  siteName: string | null;
  /** A coordinator's sites (empty for other roles). */
  coordinatorSiteIds: number[];
  disabled: boolean;
  createdAt: string;
};

export type AdminSiteRow = { id: number; code: string; name: string; timeZone: string; createdAt: string; users: number };

/** Refused because it would leave the clinic without a working administrator. */
export class SelfLockoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SelfLockoutError";
  }
}

export class DuplicateSiteCodeError extends Error {
  constructor(code: string) {
    super(`A site with the code ${code} already exists`);
    this.name = "DuplicateSiteCodeError";
  }
}

function requireAdmin(principal: Principal, what = "manage users and sites"): void {
  if (principal.role !== "admin") throw new ForbiddenError(`Only administrators can ${what}`);
}

const actorOf = (p: Principal) => ({ id: p.id, email: p.email });
const nowIso = () => new Date().toISOString();

/** The audited state of an account: what an admin can change, plus the session version that revocation bumps. */
const auditedUserColumns = {
  name: users.name,
  role: users.role,
  siteId: users.siteId,
  disabled: users.disabled,
  sessionVersion: users.sessionVersion,
} as const;

async function loadUserForChange(tx: AppDatabase, id: number) {
  const [row] = await tx.select(auditedUserColumns).from(users).where(eq(users.id, id)).limit(1);
  if (!row) throw new NotFoundError("User");
  return row;
}

/**
 * Ends every session of the account by bumping its session version (tokens carry it), together with `set`,
 * and writes the audit row: the version before and after, and `noted` (never a secret).
 */
async function endSessions(
  tx: AppDatabase,
  principal: Principal,
  id: number,
  before: { sessionVersion: number },
  action: string,
  set: Partial<typeof users.$inferInsert> = {},
  noted: Record<string, unknown> = {},
) {
  const sessionVersion = before.sessionVersion + 1;
  await tx
    .update(users)
    .set({ ...set, sessionVersion, updatedAt: nowIso() })
    .where(eq(users.id, id));
  await appendAudit(tx, {
    actor: actorOf(principal),
    action,
    entity: "user",
    entityId: id,
    before: { sessionVersion: before.sessionVersion },
    after: { sessionVersion, ...noted },
  });
}

async function publicUser(tx: AppDatabase, id: number): Promise<AdminUserRow> {
  const [row] = await tx
    .select({ ...publicUserColumns, siteName: sites.name })
    .from(users)
    .leftJoin(sites, eq(sites.id, users.siteId))
    .where(eq(users.id, id))
    .limit(1);
  return { ...row!, coordinatorSiteIds: await coordinatorSitesOf(tx, id) };
}

// ---------- users ----------

export async function listUsers(principal: Principal): Promise<AdminUserRow[]> {
  requireAdmin(principal);
  const db = getDb();
  const rows = await db
    .select({ ...publicUserColumns, siteName: sites.name })
    .from(users)
    .leftJoin(sites, eq(sites.id, users.siteId))
    .orderBy(asc(users.disabled), asc(users.name), asc(users.id));
  const sitesOf = new Map<number, number[]>();
  for (const s of await db.select().from(userSites).orderBy(asc(userSites.siteId))) sitesOf.set(s.userId, [...(sitesOf.get(s.userId) ?? []), s.siteId]);
  return rows.map((r) => ({ ...r, coordinatorSiteIds: sitesOf.get(r.id) ?? [] }));
}

/** Creates an account from the admin screens, answering with the row the users list shows. */
export async function createUser(principal: Principal, input: unknown): Promise<AdminUserRow> {
  requireAdmin(principal, "create accounts");
  const created = await createAccount(principal, input);
  return publicUser(getDb(), created.id);
}

/**
 * Changes name, role and site. A role change bumps the session version, so tokens issued under the old role
 * stop working at once. An admin may not remove their own admin role: with no admin left nobody could undo it.
 */
export async function updateUser(principal: Principal, id: number, input: unknown): Promise<AdminUserRow> {
  requireAdmin(principal);
  recordId(id, "User");
  const data = userUpdateSchema.parse(input);
  return transaction(async (tx) => {
    const before = await loadUserForChange(tx, id);
    if (id === principal.id && before.role === "admin" && data.role !== "admin") {
      throw new SelfLockoutError("You cannot remove your own administrator role. Ask another administrator to do it, so the clinic is never left without one.");
    }
    await assertSiteExists(tx, data.siteId);
    const roleChanged = data.role !== before.role;
    const sitesBefore = await coordinatorSitesOf(tx, id);
    const sitesChanged = sitesBefore.join(",") !== [...data.coordinatorSiteIds].sort((a, b) => a - b).join(",");
    if (!roleChanged && !sitesChanged && data.name === before.name && data.siteId === before.siteId) return publicUser(tx, id);
    const sessionVersion = roleChanged ? before.sessionVersion + 1 : before.sessionVersion;
    await tx.update(users).set({ name: data.name, role: data.role, siteId: data.siteId, sessionVersion, updatedAt: nowIso() }).where(eq(users.id, id));
    if (sitesChanged) await setCoordinatorSites(tx, id, data.coordinatorSiteIds);
    // The coordinator's sites enter the audit row only when there are or were any, so other accounts' rows read as before.
    const withSites = sitesBefore.length || data.coordinatorSiteIds.length;
    await appendAudit(tx, {
      actor: actorOf(principal),
      action: "user.update",
      entity: "user",
      entityId: id,
      before: withSites ? { ...before, coordinatorSiteIds: sitesBefore } : before,
      after: {
        ...before,
        name: data.name,
        role: data.role,
        siteId: data.siteId,
        sessionVersion,
        ...(withSites ? { coordinatorSiteIds: data.coordinatorSiteIds } : {}),
      },
    });
    return publicUser(tx, id);
  });
}

/** Disables or re-enables an account. Either way the session version is bumped, ending every open session. */
export async function setUserDisabled(principal: Principal, id: number, disabled: boolean): Promise<AdminUserRow> {
  requireAdmin(principal);
  recordId(id, "User");
  if (typeof disabled !== "boolean") throw new TypeError("disabled must be true or false");
  return transaction(async (tx) => {
    const before = await loadUserForChange(tx, id);
    if (disabled && id === principal.id) {
      throw new SelfLockoutError("You cannot disable your own account. Ask another administrator to do it, so the clinic is never left without one.");
    }
    if (before.disabled === disabled) return publicUser(tx, id);
    const sessionVersion = before.sessionVersion + 1;
    await tx.update(users).set({ disabled, sessionVersion, updatedAt: nowIso() }).where(eq(users.id, id));
    await appendAudit(tx, {
      actor: actorOf(principal),
      action: disabled ? "user.disable" : "user.enable",
      entity: "user",
      entityId: id,
      before,
      after: { ...before, disabled, sessionVersion },
    });
    return publicUser(tx, id);
  });
}

/** Sets a new password (bcrypt) and bumps the session version, signing the person out everywhere. */
export async function resetPassword(principal: Principal, id: number, newPassword: string): Promise<AdminUserRow> {
  requireAdmin(principal);
  recordId(id, "User");
  const password = passwordSchema.parse(newPassword);
  // Fail fast on a missing account before spending a bcrypt round; the transaction checks again.
  await loadUserForChange(getDb(), id);
  // bcrypt outside the transaction, so the writers' turn is not held for it.
  const passwordHash = await hashPassword(password);
  return transaction(async (tx) => {
    // The fact of the change only: neither the password nor its hash belongs in the log.
    await endSessions(tx, principal, id, await loadUserForChange(tx, id), "user.reset_password", { passwordHash }, { passwordChanged: true });
    return publicUser(tx, id);
  });
}

/** Ends every session of the account (a lost laptop, a shared screen) without changing anything else. */
export async function revokeSessions(principal: Principal, id: number): Promise<AdminUserRow> {
  requireAdmin(principal);
  recordId(id, "User");
  return transaction(async (tx) => {
    await endSessions(tx, principal, id, await loadUserForChange(tx, id), "user.revoke_sessions");
    return publicUser(tx, id);
  });
}

// ---------- sites ----------

/**
 * Sites with how many accounts belong to each (a join, not a correlated subquery, so it ports as is). Grouping
 * by the primary key alone is enough on PostgreSQL too: the other site columns depend on it.
 */
function selectSites(tx: AppDatabase) {
  return tx
    .select({ id: sites.id, code: sites.code, name: sites.name, timeZone: sites.timeZone, createdAt: sites.createdAt, users: count(users.id) })
    .from(sites)
    .leftJoin(users, eq(users.siteId, sites.id))
    .groupBy(sites.id)
    .$dynamic();
}

/** A site row without a zone (older than the column) shows the server's, the zone its "today" is read in. */
const withZone = (row: Omit<AdminSiteRow, "timeZone"> & { timeZone: string | null }): AdminSiteRow => ({ ...row, timeZone: row.timeZone ?? serverTimeZone() });

export async function listSites(principal: Principal): Promise<AdminSiteRow[]> {
  requireAdmin(principal);
  return (await selectSites(getDb()).orderBy(asc(sites.name), asc(sites.id))).map(withZone);
}

async function siteRow(tx: AppDatabase, id: number): Promise<AdminSiteRow> {
  const [row] = await selectSites(tx).where(eq(sites.id, id)).limit(1);
  return withZone(row!);
}

export async function createSite(principal: Principal, input: unknown): Promise<AdminSiteRow> {
  requireAdmin(principal);
  const data = newSiteSchema.parse(input);
  return transaction(async (tx) => {
    const [same] = await tx.select({ n: count() }).from(sites).where(eq(sites.code, data.code));
    if (same!.n > 0) throw new DuplicateSiteCodeError(data.code);
    const [created] = await tx
      .insert(sites)
      .values({ code: data.code, name: data.name, timeZone: data.timeZone })
      .returning({ id: sites.id, code: sites.code, name: sites.name, timeZone: sites.timeZone });
    await appendAudit(tx, { actor: actorOf(principal), action: "site.create", entity: "site", entityId: created.id, after: created });
    return siteRow(tx, created.id);
  });
}

/** Renames a site or sets its time zone. The code stays: exports and imports refer to sites by it. */
export async function updateSite(principal: Principal, id: number, input: unknown): Promise<AdminSiteRow> {
  requireAdmin(principal);
  recordId(id, "Site");
  const data = siteUpdateSchema.parse(input);
  return transaction(async (tx) => {
    const [before] = await tx.select({ code: sites.code, name: sites.name, timeZone: sites.timeZone }).from(sites).where(eq(sites.id, id)).limit(1);
    if (!before) throw new NotFoundError("Site");
    const after = { ...before, name: data.name, timeZone: data.timeZone ?? before.timeZone };
    if (before.name === after.name && before.timeZone === after.timeZone) return siteRow(tx, id);
    await tx.update(sites).set({ name: after.name, timeZone: after.timeZone }).where(eq(sites.id, id));
    await appendAudit(tx, { actor: actorOf(principal), action: "site.update", entity: "site", entityId: id, before, after });
    return siteRow(tx, id);
  });
}
