import "server-only";
import { and, count, eq, gt, isNull, max, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInAttempts } from "@/db/schema";

/**
 * Sign-in throttling with exponential back-off, built so that it cannot be turned against a real user.
 *
 * Three rules, each "after `free` failures, wait base × 2^(failures − free) seconds after the last one, at most
 * `cap`":
 *  - pair    — one account from one address: the ordinary guesser. A success from that pair resets it.
 *  - address — one address, whatever accounts it tries (sprays across accounts). Counted over the last hour
 *              only and never reset by a success (an attacker's own account must not clear it); generous, so a
 *              clinic behind one NAT address does not trip it with ordinary typos.
 *  - account — one account, from every address (a distributed attack). It applies ONLY to an address that has
 *              itself failed recently and has never signed this account in successfully: so however hard an
 *              account is attacked, its owner still gets in with the right password from a clean address or
 *              from an address they have used before. An attacker gets one guess per fresh address.
 * A throttled attempt is refused before the password is looked at (no bcrypt spent) and writes nothing, so a
 * flood of them costs the server little and cannot push a delay further out.
 */

export type ThrottleRule = { free: number; baseSeconds: number; capSeconds: number; windowSeconds: number };

const HOUR = 3600;
export const THROTTLE_RULES = {
  pair: { free: 3, baseSeconds: 1, capSeconds: 15 * 60, windowSeconds: 24 * HOUR },
  address: { free: 10, baseSeconds: 1, capSeconds: 15 * 60, windowSeconds: HOUR },
  account: { free: 5, baseSeconds: 1, capSeconds: 15 * 60, windowSeconds: 24 * HOUR },
} as const satisfies Record<string, ThrottleRule>;

/** How long an address stays "known" for an account after a successful sign-in from it. */
export const TRUSTED_ADDRESS_SECONDS = 30 * 24 * HOUR;

export type ThrottleRuleName = keyof typeof THROTTLE_RULES;

/** Pure: the wait after `failures` failures under `rule` (0 while within the free allowance). */
export function backoffSeconds(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  return Math.min(rule.capSeconds, rule.baseSeconds * 2 ** (failures - rule.free));
}

export type ThrottleVerdict = { retryAfterSeconds: number; rule: ThrottleRuleName };

const iso = (ms: number) => new Date(ms).toISOString();
const later = (a: string, b: string | null | undefined) => (b && b > a ? b : a);
const sameAddress = (address: string | null): SQL => (address === null ? isNull(signInAttempts.clientAddress) : eq(signInAttempts.clientAddress, address));

type Failures = { n: number; last: string | null };

async function failuresSince(where: SQL | undefined, since: string): Promise<Failures> {
  const [row] = await getDb()
    .select({ n: count(), last: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(where, eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)));
  return { n: row?.n ?? 0, last: row?.last ?? null };
}

async function lastSuccess(where: SQL | undefined): Promise<string | null> {
  const [row] = await getDb()
    .select({ last: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(where, eq(signInAttempts.succeeded, true)));
  return row?.last ?? null;
}

/**
 * The wait before `email` may try again from `address`, or null when it may try now. When several rules apply
 * the longest wait wins, and the rule named is that one (for the audit log and tests, not for the user).
 */
export async function signInRetryAfter(email: string, address: string | null, now = Date.now()): Promise<ThrottleVerdict | null> {
  const waits: ThrottleVerdict[] = [];
  const consider = (rule: ThrottleRuleName, failures: Failures) => {
    const wait = backoffSeconds(failures.n, THROTTLE_RULES[rule]);
    if (!wait || !failures.last) return;
    const remainingMs = Date.parse(failures.last) + wait * 1000 - now;
    if (remainingMs > 0) waits.push({ retryAfterSeconds: Math.ceil(remainingMs / 1000), rule });
  };

  const pairWhere = and(eq(signInAttempts.email, email), sameAddress(address));
  // Independent reads at once: on PostgreSQL each is a round trip, and every sign-in waits for them.
  const [pairSuccess, addressFailures, addressFailuresForAccountRule] = await Promise.all([
    lastSuccess(pairWhere),
    failuresSince(sameAddress(address), iso(now - THROTTLE_RULES.address.windowSeconds * 1000)),
    failuresSince(sameAddress(address), iso(now - THROTTLE_RULES.account.windowSeconds * 1000)),
  ]);
  consider("pair", await failuresSince(pairWhere, later(iso(now - THROTTLE_RULES.pair.windowSeconds * 1000), pairSuccess)));
  consider("address", addressFailures);

  // The account-wide rule never touches a clean address, nor one this account has signed in from before.
  const dirty = addressFailuresForAccountRule.n > 0;
  const trusted = pairSuccess !== null && pairSuccess > iso(now - TRUSTED_ADDRESS_SECONDS * 1000);
  if (dirty && !trusted) {
    const accountWhere = eq(signInAttempts.email, email);
    consider("account", await failuresSince(accountWhere, later(iso(now - THROTTLE_RULES.account.windowSeconds * 1000), await lastSuccess(accountWhere))));
  }

  return waits.reduce<ThrottleVerdict | null>((worst, w) => (!worst || w.retryAfterSeconds > worst.retryAfterSeconds ? w : worst), null);
}

/** Refused by the throttle; the caller shows "Too many attempts — try again in N seconds". */
export class SignInThrottledError extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super(`Too many attempts — try again in ${retryAfterSeconds} seconds`);
    this.name = "SignInThrottledError";
  }
}
