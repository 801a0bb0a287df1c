import "server-only";
import { eq } from "drizzle-orm";
import { transaction, type AppDatabase } from "@/db/client";
import { sites, users } from "@/db/schema";
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
    await appendAudit(tx, {
      actor: "id" in creator ? { id: creator.id, email: creator.email } : null,
      action: "user.create",
      entity: "user",
      entityId: created.id,
      after: { ...created, createdBy: "id" in creator ? creator.email : creator.label },
    });
    return created;
  });
}
