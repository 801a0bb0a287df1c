import "server-only";
import { eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { signInAttempts, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { DUMMY_HASH, verifyPassword } from "@/lib/auth/password";
import { openTotpSecret, verifyTotpCode } from "@/lib/auth/totp";
import { endSession, insertSession, purgeDeadSessions } from "@/lib/dal/auth/sessionRows";
import { SignInThrottledError, signInRetryAfter } from "@/lib/dal/auth/throttle";
import { acceptSignInCode, confirmedTotpFor } from "@/lib/dal/auth/totp";

export { SignInThrottledError } from "@/lib/dal/auth/throttle";

/** The password was right and the account has a second factor: ask for the code. Nothing is recorded yet. */
export class SecondFactorRequiredError extends Error {
  constructor() {
    super("A code from the authenticator app is needed");
    this.name = "SecondFactorRequiredError";
  }
}

/** The password was right but the code was wrong or already used; recorded and audited as a failure. */
export class SecondFactorInvalidError extends Error {
  constructor() {
    super("The code is not correct");
    this.name = "SecondFactorInvalidError";
  }
}

export type SignInOutcome = "ok" | "wrong_password" | "unknown_account" | "disabled" | "wrong_code";

const REASONS: Record<Exclude<SignInOutcome, "ok">, string> = {
  wrong_password: "wrong password",
  unknown_account: "unknown account",
  disabled: "account disabled",
  wrong_code: "wrong code",
};

export type SignInContext = {
  /** The 6-digit code, on the second step for an account with a second factor. */
  code?: string | null;
  userAgent?: string | null;
  now?: number;
};

/**
 * Checks a password (and, for an enrolled account, a TOTP code) and records the attempt. Sign-in runs before
 * there is a principal, so this is the one DAL entry point that takes no user; it returns only what the
 * session token needs, including the new server-side session's id.
 *
 * Order matters: the throttle first (a refused attempt costs no bcrypt and writes nothing), then always one
 * bcrypt comparison (so the response time does not reveal whether the account exists), then the code.
 * Throws SignInThrottledError, SecondFactorRequiredError or SecondFactorInvalidError; returns null for a
 * wrong password, an unknown or a disabled account alike.
 */
export async function authenticate(email: string, password: string, clientAddress: string | null, context: SignInContext = {}) {
  const now = context.now ?? Date.now();
  const wait = await signInRetryAfter(email, clientAddress, now);
  if (wait) throw new SignInThrottledError(wait.retryAfterSeconds);

  const [user] = await getDb().select().from(users).where(eq(users.email, email)).limit(1);
  // bcrypt before the transaction: the writers' turn is not held while it runs.
  const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  let outcome: SignInOutcome = !user ? "unknown_account" : !passwordOk ? "wrong_password" : user.disabled ? "disabled" : "ok";

  let totpStep: number | null = null;
  const totp = outcome === "ok" && user ? await confirmedTotpFor(user.id) : null;
  if (totp && user) {
    if (!context.code?.trim()) throw new SecondFactorRequiredError();
    const secret = openTotpSecret(totp.secretEncrypted, user.id);
    totpStep = secret ? verifyTotpCode(secret, context.code, totp.lastUsedStep, now) : null;
    if (totpStep === null) outcome = "wrong_code";
  }

  const at = new Date(now).toISOString();
  const sid = await transaction(async (tx) => {
    // A code accepted a moment ago by a concurrent sign-in is a replay here.
    if (outcome === "ok" && user && totpStep !== null && !(await acceptSignInCode(tx, user.id, totpStep))) outcome = "wrong_code";
    const ok = outcome === "ok";
    await tx.insert(signInAttempts).values({ at, email, clientAddress, succeeded: ok, outcome });
    await appendAudit(tx, {
      actor: ok && user ? { id: user.id, email: user.email } : null,
      action: ok ? "auth.sign_in" : "auth.sign_in_failed",
      entity: "session",
      entityId: user?.id ?? null,
      after: { email, clientAddress, ...(ok ? { secondFactor: totp ? "totp" : null } : { reason: REASONS[outcome as Exclude<SignInOutcome, "ok">] }) },
    });
    if (!ok || !user) return null;
    await purgeDeadSessions(tx, now);
    return insertSession(tx, user.id, { clientAddress, userAgent: context.userAgent ?? null }, now);
  });
  if (outcome === "wrong_code") throw new SecondFactorInvalidError();
  return sid && user
    ? { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion, sid, secondFactor: totp !== null }
    : null;
}

/** Sign-out: audited, and the session's server-side row removed so the token is dead even if copied. */
export async function recordSignOut(userId: number, email: string | null, sid?: string | null): Promise<void> {
  if (sid) await endSession(sid);
  await transaction((tx) => appendAudit(tx, { actor: { id: userId, email: email ?? "" }, action: "auth.sign_out", entity: "session", entityId: userId }));
}
