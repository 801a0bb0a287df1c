import "server-only";
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInAttempts, totpCredentials, users } from "@/db/schema";
import { appendAudit, type DbOrTx } from "@/lib/audit/appendAudit";
import { verifyPassword } from "@/lib/auth/password";
import { adminTotpRequired } from "@/lib/auth/secondFactorPolicy";
import { newTotpSecret, openTotpSecret, sealTotpSecret, totpUri, verifyTotpCode } from "@/lib/auth/totp";
import { ForbiddenError, NotFoundError, ValidationError } from "./errors";
import { recordId } from "./parse";
import type { Principal } from "./principal";
import { endOtherSessions } from "./sessions";
import { SignInThrottledError, signInRetryAfter } from "./throttle";

/**
 * The optional TOTP second factor. Anyone may enrol; administrators must when REQUIRE_ADMIN_TOTP=1. The secret is
 * shown only while enrolment waits for its first code; once confirmed it never leaves the server again.
 * Turning it on, off or resetting it ends every session of the account: a session records how it was opened
 * (the token's `tf` claim, which proxy.ts reads), so after a change the person signs in again the new way.
 */

const actorOf = (p: Principal) => ({ id: p.id, email: p.email });
const nowIso = () => new Date().toISOString();

export type TotpStatus = {
  enrolled: boolean;
  confirmedAt: string | null;
  /** Only while enrolment is unconfirmed: what the authenticator app needs. */
  pending: { secret: string; uri: string } | null;
  /** This user must enrol before using the app (an administrator under REQUIRE_ADMIN_TOTP=1). */
  required: boolean;
};

function row(db: DbOrTx, userId: number) {
  return db.select().from(totpCredentials).where(eq(totpCredentials.userId, userId)).get();
}

export function hasConfirmedTotp(userId: number, db: DbOrTx = getDb()): boolean {
  return Boolean(db.select({ id: totpCredentials.userId }).from(totpCredentials).where(and(eq(totpCredentials.userId, userId), isNotNull(totpCredentials.confirmedAt))).get());
}

/** True when this principal may do nothing but enrol a second factor. */
export function secondFactorEnrolmentRequired(principal: Pick<Principal, "id" | "role">): boolean {
  return principal.role === "admin" && adminTotpRequired() && !hasConfirmedTotp(principal.id);
}

export async function getTotpStatus(principal: Principal): Promise<TotpStatus> {
  const r = row(getDb(), principal.id);
  const required = secondFactorEnrolmentRequired(principal);
  if (r?.confirmedAt) return { enrolled: true, confirmedAt: r.confirmedAt, pending: null, required };
  const secret = r ? openTotpSecret(r.secretEncrypted, principal.id) : null;
  return { enrolled: false, confirmedAt: null, pending: secret ? { secret, uri: totpUri(secret, principal.email) } : null, required };
}

/** Starts (or restarts) enrolment with a fresh secret. Refused while a confirmed second factor exists. */
export async function startTotpEnrolment(principal: Principal): Promise<{ secret: string; uri: string }> {
  const secret = newTotpSecret();
  const sealed = sealTotpSecret(secret, principal.id);
  getDb().transaction(
    (tx) => {
      const existing = row(tx, principal.id);
      if (existing?.confirmedAt) throw new ValidationError({ _form: ["Two-step sign-in is already on. Turn it off first to set up another authenticator."] });
      if (existing) tx.update(totpCredentials).set({ secretEncrypted: sealed, lastUsedStep: null, createdAt: nowIso() }).where(eq(totpCredentials.userId, principal.id)).run();
      else tx.insert(totpCredentials).values({ userId: principal.id, secretEncrypted: sealed }).run();
    },
    { behavior: "immediate" },
  );
  return { secret, uri: totpUri(secret, principal.email) };
}

export async function cancelTotpEnrolment(principal: Principal): Promise<void> {
  getDb().delete(totpCredentials).where(and(eq(totpCredentials.userId, principal.id), isNull(totpCredentials.confirmedAt))).run();
}

/**
 * Confirms enrolment with a code from the authenticator. Every session of the user ends, this one included:
 * they were opened with the password alone, and signing in again proves the authenticator works.
 */
export async function confirmTotpEnrolment(principal: Principal, code: string, now = Date.now()): Promise<void> {
  const pending = row(getDb(), principal.id);
  if (!pending || pending.confirmedAt) throw new ValidationError({ _form: ["There is no set-up waiting for a code. Start again."] });
  const secret = openTotpSecret(pending.secretEncrypted, principal.id);
  if (!secret) throw new ValidationError({ _form: ["The set-up could not be read. Start again."] });
  const step = verifyTotpCode(secret, code, null, now);
  if (step === null) throw new ValidationError({ code: ["That code does not match. Check the clock of your device and enter the current 6-digit code."] });
  getDb().transaction(
    (tx) => {
      const changed = tx
        .update(totpCredentials)
        .set({ confirmedAt: new Date(now).toISOString(), lastUsedStep: step })
        .where(and(eq(totpCredentials.userId, principal.id), isNull(totpCredentials.confirmedAt), eq(totpCredentials.secretEncrypted, pending.secretEncrypted)))
        .run().changes;
      if (!changed) throw new ValidationError({ _form: ["The set-up changed in another window. Start again."] });
      const ended = endOtherSessions(tx, principal.id, null);
      appendAudit(tx, { actor: actorOf(principal), action: "auth.totp_enable", entity: "user", entityId: principal.id, after: { secondFactor: "totp", sessionsEnded: ended } });
    },
    { behavior: "immediate" },
  );
}

/**
 * Turns the second factor off; needs the password and a current code, so a session left open on a shared
 * screen cannot do it. Wrong answers count as failed sign-ins for the throttle (it is a password check).
 * Every session ends; the person signs in again with the password alone.
 */
export async function disableTotp(principal: Principal, input: { password: string; code: string }, clientAddress: string | null, now = Date.now()): Promise<void> {
  const wait = signInRetryAfter(principal.email, clientAddress, now);
  if (wait) throw new SignInThrottledError(wait.retryAfterSeconds);
  const db = getDb();
  const user = db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, principal.id)).get();
  if (!user) throw new NotFoundError("User");
  const current = row(db, principal.id);
  if (!current?.confirmedAt) throw new ValidationError({ _form: ["Two-step sign-in is not on."] });
  const passwordOk = await verifyPassword(input.password, user.passwordHash);
  const secret = openTotpSecret(current.secretEncrypted, principal.id);
  const step = passwordOk && secret ? verifyTotpCode(secret, input.code, current.lastUsedStep, now) : null;
  const at = new Date(now).toISOString();
  const failure = !passwordOk ? "wrong_password" : step === null ? "wrong_code" : null;
  db.transaction(
    (tx) => {
      if (failure) {
        tx.insert(signInAttempts).values({ at, email: principal.email, clientAddress, succeeded: false, outcome: failure }).run();
        appendAudit(tx, { actor: actorOf(principal), action: "auth.totp_disable_failed", entity: "user", entityId: principal.id, after: { reason: failure.replace("_", " "), clientAddress } });
        return;
      }
      tx.delete(totpCredentials).where(eq(totpCredentials.userId, principal.id)).run();
      const ended = endOtherSessions(tx, principal.id, null);
      appendAudit(tx, { actor: actorOf(principal), action: "auth.totp_disable", entity: "user", entityId: principal.id, before: { secondFactor: "totp" }, after: { secondFactor: null, clientAddress, sessionsEnded: ended } });
    },
    { behavior: "immediate" },
  );
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
  getDb().transaction(
    (tx) => {
      const target = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
      if (!target) throw new NotFoundError("User");
      const removed = tx.delete(totpCredentials).where(eq(totpCredentials.userId, userId)).run().changes;
      if (!removed) return;
      const ended = endOtherSessions(tx, userId, null);
      appendAudit(tx, { actor: actorOf(principal), action: "user.reset_totp", entity: "user", entityId: userId, before: { secondFactor: "totp" }, after: { secondFactor: null, sessionsEnded: ended } });
    },
    { behavior: "immediate" },
  );
}

/** The confirmed credential used at sign-in, or null when the user has no second factor. */
export function confirmedTotpFor(db: DbOrTx, userId: number) {
  const r = row(db, userId);
  return r?.confirmedAt ? r : null;
}

/**
 * Checks a sign-in code and, inside the sign-in transaction, records its step so it cannot be used again —
 * the conditional UPDATE also settles two concurrent sign-ins with the same code: one wins.
 */
export function acceptSignInCode(tx: DbOrTx, userId: number, step: number): boolean {
  return (
    tx
      .update(totpCredentials)
      .set({ lastUsedStep: step })
      .where(and(eq(totpCredentials.userId, userId), or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step))))
      .run().changes === 1
  );
}
