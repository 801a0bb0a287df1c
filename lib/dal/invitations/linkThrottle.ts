import "server-only";
import { and, count, eq, gt, like, max } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInAttempts } from "@/db/schema";
import { backoffSeconds, type ThrottleRule } from "../auth/throttle";

/**
 * Rate limits on patients' links, in the sign-in throttle's table and with its back-off: per client address,
 * links that resolve to nothing (someone guessing tokens: with 256-bit tokens hopeless, but it costs a lookup
 * each); and per token, every open and submit (a link posted somewhere public). Each attempt is one row keyed
 * `invitation-link:` + the first half of the presented token's hash — never the token.
 */
const HOUR = 3600;
export const LINK_THROTTLE_RULES = {
  address: { free: 10, baseSeconds: 1, capSeconds: 15 * 60, windowSeconds: HOUR },
  token: { free: 60, baseSeconds: 1, capSeconds: 15 * 60, windowSeconds: HOUR },
} as const satisfies Record<string, ThrottleRule>;

const PREFIX = "invitation-link:";
const keyOf = (hash: string) => `${PREFIX}${hash.slice(0, 32)}`;
// The address is stored prefixed too, so the sign-in throttle's per-address rule never counts a mistyped link
// against a clinic's sign-ins, nor the reverse.
const addressOf = (address: string | null) => (address === null ? null : `link:${address}`);

/**
 * Unresolved links one address may present in an hour before the back-off begins: LINK_ATTEMPTS_PER_ADDRESS
 * (default 10). Patients who share one public address (a care home's network) may need it higher.
 */
function addressRule(): ThrottleRule {
  const n = Number(process.env.LINK_ATTEMPTS_PER_ADDRESS || LINK_THROTTLE_RULES.address.free);
  return { ...LINK_THROTTLE_RULES.address, free: Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : LINK_THROTTLE_RULES.address.free };
}

async function waitFor(rule: ThrottleRule, where: ReturnType<typeof and>, now: number): Promise<number> {
  const [row] = await getDb()
    .select({ n: count(), last: max(signInAttempts.at) })
    .from(signInAttempts)
    .where(and(where, gt(signInAttempts.at, new Date(now - rule.windowSeconds * 1000).toISOString())));
  const wait = backoffSeconds(row?.n ?? 0, rule);
  if (!wait || !row?.last) return 0;
  return Math.max(0, Math.ceil((Date.parse(row.last) + wait * 1000 - now) / 1000));
}

/** Seconds to wait before this address may present this token again, or 0. */
export async function linkRetryAfter(tokenHash: string, address: string | null, now = Date.now()): Promise<number> {
  const byAddress = address
    ? waitFor(
        addressRule(),
        and(eq(signInAttempts.clientAddress, addressOf(address)!), like(signInAttempts.email, `${PREFIX}%`), eq(signInAttempts.succeeded, false)),
        now,
      )
    : Promise.resolve(0);
  const byToken = waitFor(LINK_THROTTLE_RULES.token, and(eq(signInAttempts.email, keyOf(tokenHash))), now);
  return Math.max(await byAddress, await byToken);
}

/** Notes one presentation of a link: `resolved` says whether it opened an invitation. */
export async function recordLinkAttempt(tokenHash: string, address: string | null, resolved: boolean, now = Date.now()): Promise<void> {
  await getDb()
    .insert(signInAttempts)
    .values({
      at: new Date(now).toISOString(),
      email: keyOf(tokenHash),
      clientAddress: addressOf(address),
      succeeded: resolved,
      outcome: resolved ? "link_ok" : "link_unknown",
    });
}
