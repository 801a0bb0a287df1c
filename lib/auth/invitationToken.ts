/**
 * The secret in a patient's invitation link. 256 random bits (twice the 128 the issue asks as a floor), written
 * base64url so it survives any mail client and URL; the database keeps only its SHA-256, so a copy of the
 * database opens no questionnaire. A fast hash is right here, unlike for passwords: the token has full
 * entropy, so there is nothing to guess that a slow hash would protect.
 *
 * Resolving a presented token takes one code path whatever is wrong with it — malformed, truncated, altered,
 * unknown, expired: it is hashed, looked up and checked every time, and the answer is the link or null, never a
 * reason. The patient's page shows the same thing for all of them.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const INVITATION_TOKEN_BYTES = 32;
/** Longer input is cut before hashing, so a huge "token" costs no more than a real one. */
const MAX_PRESENTED_LENGTH = 128;

export type NewInvitationToken = {
  /** Goes into the link, once, and is never stored. */
  token: string;
  /** Stored with the invitation, and looked up by. */
  hash: string;
};

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function newInvitationToken(): NewInvitationToken {
  const token = randomBytes(INVITATION_TOKEN_BYTES).toString("base64url");
  return { token, hash: hashInvitationToken(token) };
}

/** The links' key, derived once per secret (the demo seed derives thousands of links). */
const linkKeys = new Map<string, Buffer>();
function linkKey(secret: string): Buffer {
  let key = linkKeys.get(secret);
  if (!key) linkKeys.set(secret, (key = createHmac("sha256", secret).update("mild-outcomes invitation links").digest()));
  return key;
}

/**
 * The token of invitation `invitationId`, derived with a server-side key (HMAC-SHA-256 under a key of its own
 * from the app's secret, which lives outside the database): so the invitation, its reminders and a printed
 * letter all carry the same link, the database still holds only its hash, and a copy of the database opens
 * nothing. 256 bits, like a random token.
 */
export function invitationTokenFor(secret: string, invitationId: number): NewInvitationToken {
  const key = linkKey(secret);
  const token = createHmac("sha256", key).update(`invitation:${invitationId}`).digest("base64url");
  return { token, hash: hashInvitationToken(token) };
}

/** What the lookup must give back: the stored hash (compared again here) and when the link expires (ISO-8601). */
export type StoredInvitationLink = { tokenHash: string; expiresAt: string };

/**
 * The stored link for `presented` if it is exactly a token we issued and has not expired at `now`; otherwise
 * null. `findByHash` looks a hash up in storage (an indexed equality on the hash column).
 */
export async function resolveInvitationToken<T extends StoredInvitationLink>(
  presented: unknown,
  now: Date,
  findByHash: (hash: string) => Promise<T | undefined>,
): Promise<T | null> {
  const text = typeof presented === "string" ? presented.slice(0, MAX_PRESENTED_LENGTH) : "";
  const hash = hashInvitationToken(text);
  const found = await findByHash(hash);
  const stored = Buffer.from(found?.tokenHash ?? "0".repeat(64), "hex");
  const matches = stored.length === 32 && timingSafeEqual(stored, Buffer.from(hash, "hex"));
  const open = found !== undefined && now.getTime() < Date.parse(found.expiresAt);
  return matches && open && text.length > 0 ? found : null;
}
