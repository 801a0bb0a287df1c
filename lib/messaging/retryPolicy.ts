/**
 * When to try a message again: exponential back-off from one minute, doubling per failed attempt (capped at
 * six hours for longer policies), 8 attempts by default — the last about two hours after the first failed
 * (1 + 2 + 4 + … + 64 minutes). A mail server restarting or briefly unreachable costs nothing; a wrong setting
 * shows as failed messages the same morning instead of retrying for days.
 */
export type RetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 60_000, maxDelayMs: 6 * 3_600_000 };

/** The wait after the `attempt`-th failed attempt (1-based): base × 2^(attempt − 1), capped. */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError("attempt: a whole number from 1");
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}
