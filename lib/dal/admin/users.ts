import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, transaction, type AppDatabase } from "@/db/client";
import { sites, users, userSites } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { hashPassword } from "@/lib/auth/password";
import { newUserSchema } from "@/lib/validation/users";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";

/** Who is creating the account: a signed-in admin, or the operator at the server's command line. */
export type UserCreator = Principal | { role: "system"; label: string };

export class DuplicateEmailError extends Error {
  constructor(email: string) {
    super(`An account with the email ${email} already exists`);
    this.name = "DuplicateEmailError";
  }
}

/** A user pointed at a site that does not exist (removed, or a stale form). */
export class UnknownSiteError extends NotFoundError {
  constructor() {
    super("Site");
    this.name = "UnknownSiteError";
  }
}

/** The account fields that may leave the data layer or enter the audit log: never the password hash. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  siteId: users.siteId,
  disabled: users.disabled,
  createdAt: users.createdAt,
} as const;

export async function assertSiteExists(tx: AppDatabase, siteId: number | null): Promise<void> {
  if (siteId === null) return;
  const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).limit(1);
  if (!site) throw new UnknownSiteError();
}

/** Replaces a coordinator's sites (none for any other role), in the caller's transaction. */
export async function setCoordinatorSites(tx: AppDatabase, userId: number, siteIds: number[]): Promise<void> {
  for (const siteId of siteIds) await assertSiteExists(tx, siteId);
  await tx.delete(userSites).where(eq(userSites.userId, userId));
  if (siteIds.length) await tx.insert(userSites).values(siteIds.map((siteId) => ({ userId, siteId })));
}

/** The sites a coordinator works for, in id order (empty for other roles). */
export async function coordinatorSitesOf(tx: AppDatabase, userId: number): Promise<number[]> {
  const rows = await tx.select({ siteId: userSites.siteId }).from(userSites).where(eq(userSites.userId, userId)).orderBy(asc(userSites.siteId));
  return rows.map((r) => r.siteId);
}

/**
 * Creates an account for an administrator or the command-line bootstrap of the first admin
 * (scripts/create-user.ts); the admin screens call it through `createUser` in ./admin.ts.
 */
export async function createAccount(creator: UserCreator, input: unknown) {
  if (creator.role !== "admin" && creator.role !== "system") throw new ForbiddenError("Only administrators can create accounts");
  const data = newUserSchema.parse(input);
  // bcrypt first: a quarter of a second that must not hold the writers' turn.
  const passwordHash = await hashPassword(data.password);
  return transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, data.email)).limit(1);
    if (existing) throw new DuplicateEmailError(data.email);
    await assertSiteExists(tx, data.siteId);
    const [created] = await tx
      .insert(users)
      .values({ email: data.email, name: data.name, role: data.role, passwordHash, siteId: data.siteId })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, siteId: users.siteId });
    await setCoordinatorSites(tx, created.id, data.coordinatorSiteIds);
    await appendAudit(tx, {
      actor: "id" in creator ? { id: creator.id, email: creator.email } : null,
      action: "user.create",
      entity: "user",
      entityId: created.id,
      after: {
        ...created,
        ...(data.role === "coordinator" ? { coordinatorSiteIds: data.coordinatorSiteIds } : {}),
        createdBy: "id" in creator ? creator.email : creator.label,
      },
    });
    return created;
  });
}

/**
 * Sites named on the command line (scripts/create-user.ts, run by the operator at the server): each as an id, a
 * code (any case) or a name; null where none matches.
 */
export async function resolveSiteNames(given: string[]): Promise<(number | null)[]> {
  const all = await getDb().select({ id: sites.id, code: sites.code, name: sites.name }).from(sites);
  return given.map((g) => {
    const t = g.trim();
    const hit = all.find((s) => String(s.id) === t || s.code.toUpperCase() === t.toUpperCase() || s.name.toLowerCase() === t.toLowerCase());
    return hit?.id ?? null;
  });
}
