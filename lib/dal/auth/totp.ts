import "server-only";
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { getDb, transaction, type AppDatabase } from "@/db/client";
import { signInAttempts, totpCredentials, users } from "@/db/schema";
import { appendAudit, type AuditEvent } from "@/lib/audit/appendAudit";
import { verifyPassword } from "@/lib/auth/password";
import { adminTotpRequired } from "@/lib/auth/secondFactorPolicy";
import { newTotpSecret, openTotpSecret, sealTotpSecret, totpUri, verifyTotpCode } from "@/lib/auth/totp";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import { recordId } from "@/lib/dal/parse";
import type { Principal } from "@/lib/dal/principal";
import { endOtherSessions } from "@/lib/dal/auth/sessionRows";
import { SignInThrottledError, signInRetryAfter } from "@/lib/dal/auth/throttle";

/**
 * The optional TOTP second factor. Anyone may enrol; administrators must when REQUIRE_ADMIN_TOTP=1. The secret is
 * shown only while enrolment waits for its first code; once confirmed it never leaves the server again.
 * Turning it on, off or resetting it ends every session of the account: a session records how it was opened
 * (the token's `tf` claim, which proxy.ts reads), so after a change the person signs in again the new way.
 */

const actorOf = (p: Principal) => ({ id: p.id, email: p.email });

/** The audit row of a change to a user's second factor, by the principal (themselves, or an administrator resetting it). */
const auditSecondFactor = (tx: AppDatabase, principal: Principal, action: string, userId: number, change: Pick<AuditEvent, "before" | "after">) =>
  appendAudit(tx, { actor: actorOf(principal), action, entity: "user", entityId: userId, ...change });
const nowIso = () => new Date().toISOString();

export type TotpStatus = {
  enrolled: boolean;
  confirmedAt: string | null;
  /** Only while enrolment is unconfirmed: what the authenticator app needs. */
  pending: { secret: string; uri: string } | null;
  /** This user must enrol before using the app (an administrator under REQUIRE_ADMIN_TOTP=1). */
  required: boolean;
};

/** The user's credential, confirmed or pending; inside a transaction getDb() reads that transaction's rows. */
async function row(userId: number) {
  const [credential] = await getDb().select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).limit(1);
  return credential;
}

export async function hasConfirmedTotp(userId: number): Promise<boolean> {
  const [confirmed] = await getDb()
    .select({ id: totpCredentials.userId })
    .from(totpCredentials)
    .where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt)))
    .limit(1);
  return Boolean(confirmed);
}

/** True when this principal may do nothing but enrol a second factor. */
export async function secondFactorEnrolmentRequired(principal: Pick<Principal, "id" | "role">): Promise<boolean> {
  return principal.role === "admin" && adminTotpRequired() && !(await hasConfirmedTotp(principal.id));
}

export async function getTotpStatus(principal: Principal): Promise<TotpStatus> {
  const [r, required] = await Promise.all([row(principal.id), secondFactorEnrolmentRequired(principal)]);
  if (r?.confirmedAt) return { enrolled: true, confirmedAt: r.confirmedAt, pending: null, required };
  const secret = r ? openTotpSecret(r.secretEncrypted, principal.id) : null;
  return { enrolled: false, confirmedAt: null, pending: secret ? { secret, uri: totpUri(secret, principal.email) } : null, required };
}

/** Starts (or restarts) enrolment with a fresh secret. Refused while a confirmed second factor exists. */
export async function startTotpEnrolment(principal: Principal): Promise<{ secret: string; uri: string }> {
  const secret = newTotpSecret();
  const sealed = sealTotpSecret(secret, principal.id);
  await transaction(async (tx) => {
    const existing = await row(principal.id);
    if (existing?.confirmedAt) throw new ValidationError({ _form: ["Two-step sign-in is already on. Turn it off first to set up another authenticator."] });
    if (existing)
      await tx
        .update(totpCredentials)
        .set({ secretEncrypted: sealed, lastUsedStep: null, createdAt: nowIso() })
        .where(eq(totpCredentials.userId, principal.id));
    else await tx.insert(totpCredentials).values({ userId: principal.id, secretEncrypted: sealed });
  });
  return { secret, uri: totpUri(secret, principal.email) };
}

export async function cancelTotpEnrolment(principal: Principal): Promise<void> {
  await getDb()
    .delete(totpCredentials)
    .where(and(eq(totpCredentials.userId, principal.id), isNull(totpCredentials.confirmedAt)));
}

/**
 * Confirms enrolment with a code from the authenticator. Every session of the user ends, this one included:
 * they were opened with the password alone, and signing in again proves the authenticator works.
 */
export async function confirmTotpEnrolment(principal: Principal, code: string, now = Date.now()): Promise<void> {
  const pending = await row(principal.id);
  if (!pending || pending.confirmedAt) throw new ValidationError({ _form: ["There is no set-up waiting for a code. Start again."] });
  const secret = openTotpSecret(pending.secretEncrypted, principal.id);
  if (!secret) throw new ValidationError({ _form: ["The set-up could not be read. Start again."] });
  const step = verifyTotpCode(secret, code, null, now);
  if (step === null) throw new ValidationError({ code: ["That code does not match. Check the clock of your device and enter the current 6-digit code."] });
  await transaction(async (tx) => {
    // Confirms only the set-up this code was checked against: a restart in another window changed the secret.
    const confirmed = await tx
      .update(totpCredentials)
      .set({ confirmedAt: new Date(now).toISOString(), lastUsedStep: step })
      .where(and(eq(totpCredentials.userId, principal.id), isNull(totpCredentials.confirmedAt), eq(totpCredentials.secretEncrypted, pending.secretEncrypted)))
      .returning({ userId: totpCredentials.userId });
    if (!confirmed.length) throw new ValidationError({ _form: ["The set-up changed in another window. Start again."] });
    const ended = await endOtherSessions(tx, principal.id, null);
    await auditSecondFactor(tx, principal, "auth.totp_enable", principal.id, { after: { secondFactor: "totp", sessionsEnded: ended } });
  });
}

/**
 * Turns the second factor off; needs the password and a current code, so a session left open on a shared
 * screen cannot do it. Wrong answers count as failed sign-ins for the throttle (it is a password check).
 * Every session ends; the person signs in again with the password alone.
 */
export async function disableTotp(
  principal: Principal,
  input: { password: string; code: string },
  clientAddress: string | null,
  now = Date.now(),
): Promise<void> {
  const wait = await signInRetryAfter(principal.email, clientAddress, now);
  if (wait) throw new SignInThrottledError(wait.retryAfterSeconds);
  const [user] = await getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, principal.id)).limit(1);
  if (!user) throw new NotFoundError("User");
  const current = await row(principal.id);
  if (!current?.confirmedAt) throw new ValidationError({ _form: ["Two-step sign-in is not on."] });
  const passwordOk = await verifyPassword(input.password, user.passwordHash);
  const secret = openTotpSecret(current.secretEncrypted, principal.id);
  const step = passwordOk && secret ? verifyTotpCode(secret, input.code, current.lastUsedStep, now) : null;
  const at = new Date(now).toISOString();
  const failure = !passwordOk ? "wrong_password" : step === null ? "wrong_code" : null;
  await transaction(async (tx) => {
    if (failure) {
      await tx.insert(signInAttempts).values({ at, email: principal.email, clientAddress, succeeded: false, outcome: failure });
      await auditSecondFactor(tx, principal, "auth.totp_disable_failed", principal.id, { after: { reason: failure.replace("_", " "), clientAddress } });
      return;
    }
    await tx.delete(totpCredentials).where(eq(totpCredentials.userId, principal.id));
    const ended = await endOtherSessions(tx, principal.id, null);
    await auditSecondFactor(tx, principal, "auth.totp_disable", principal.id, {
      before: { secondFactor: "totp" },
      after: { secondFactor: null, clientAddress, sessionsEnded: ended },
    });
  });
  if (failure === "wrong_password") throw new ValidationError({ password: ["The password is not correct."] });
  if (failure === "wrong_code") throw new ValidationError({ code: ["That code does not match, or was already used. Enter the next code."] });
}

/** Whether a person has two-step sign-in, for the administrator's Manage panel. */
export async function userHasSecondFactor(principal: Principal, userId: number): Promise<boolean> {
  if (principal.role !== "admin") throw new ForbiddenError("Only administrators can see another person's sign-in settings");
  return hasConfirmedTotp(recordId(userId, "User"));
}

/**
 * For a lost phone: an administrator removes someone's second factor and ends their sessions (the phone may be
 * with whoever has the laptop); they sign in with the password and may enrol again.
 */
export async function resetTotp(principal: Principal, userId: number): Promise<void> {
  if (principal.role !== "admin") throw new ForbiddenError("Only administrators can reset another person's two-step sign-in");
  recordId(userId, "User");
  await transaction(async (tx) => {
    const [target] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
    if (!target) throw new NotFoundError("User");
    // Nothing removed (no second factor, or another admin just reset it): nothing to end and nothing to audit.
    const removed = await tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId)).returning({ userId: totpCredentials.userId });
    if (!removed.length) return;
    const ended = await endOtherSessions(tx, userId, null);
    await auditSecondFactor(tx, principal, "user.reset_totp", userId, {
      before: { secondFactor: "totp" },
      after: { secondFactor: null, sessionsEnded: ended },
    });
  });
}

/** The confirmed credential used at sign-in, or null when the user has no second factor. */
export async function confirmedTotpFor(userId: number) {
  const r = await row(userId);
  return r?.confirmedAt ? r : null;
}

/**
 * Records a verified sign-in code's step, inside the sign-in transaction, so it cannot be used again. The
 * condition lives in the UPDATE's WHERE, not in a read before it: the compare-and-set is one statement, so two
 * concurrent sign-ins with the same code cannot both succeed (on PostgreSQL the second waits for the first's row
 * lock and re-checks the WHERE), even apart from the writers' turn the transaction holds. One wins.
 */
export async function acceptSignInCode(tx: AppDatabase, userId: number, step: number): Promise<boolean> {
  const accepted = await tx
    .update(totpCredentials)
    .set({ lastUsedStep: step })
    .where(and(eq(totpCredentials.userId, userId), or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step))))
    .returning({ userId: totpCredentials.userId });
  return accepted.length === 1;
}
