/**
 * Invitation tokens: 256 random bits, URL-safe, stored only as their SHA-256; a presented token resolves to its
 * link only when it is exactly right and unexpired, and every wrong one — random, truncated, altered by one
 * character, expired, empty, not even a string — gets the same null after the same work (one hash, one lookup).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashInvitationToken, newInvitationToken, resolveInvitationToken, type StoredInvitationLink } from "@/lib/auth/invitationToken";

type Link = StoredInvitationLink & { procedureId: number };

/** Storage as the data layer will hold it: the hash is the key, the token is nowhere. */
function store(links: Link[]) {
  const byHash = new Map(links.map((l) => [l.tokenHash, l]));
  const lookups: string[] = [];
  return {
    lookups,
    find: async (hash: string) => {
      lookups.push(hash);
      return byHash.get(hash);
    },
  };
}

const NOW = new Date("2026-05-01T12:00:00Z");

describe("invitation tokens", () => {
  it("are 256 random bits written base64url, different every time", () => {
    const tokens = Array.from({ length: 2000 }, () => newInvitationToken().token);
    for (const t of tokens.slice(0, 50)) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, "base64url")).toHaveLength(32);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("are stored as their SHA-256 only", () => {
    const { token, hash } = newInvitationToken();
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hash).toBe(hashInvitationToken(token));
    expect(hash).not.toContain(token);
  });

  it("resolve to their link while it is open, and to null from the moment it expires", async () => {
    const { token, hash } = newInvitationToken();
    const link = { tokenHash: hash, expiresAt: "2026-05-10T00:00:00.000Z", procedureId: 7 };
    const s = store([link]);
    expect(await resolveInvitationToken(token, NOW, s.find)).toBe(link);
    expect(await resolveInvitationToken(token, new Date("2026-05-09T23:59:59.999Z"), s.find)).toBe(link);
    expect(await resolveInvitationToken(token, new Date("2026-05-10T00:00:00.000Z"), s.find)).toBeNull();
  });

  it("answer every wrong token with the same null after one hash and one lookup", async () => {
    const open = newInvitationToken();
    const expired = newInvitationToken();
    const other = newInvitationToken();
    const s = store([
      { tokenHash: open.hash, expiresAt: "2026-06-01T00:00:00.000Z", procedureId: 1 },
      { tokenHash: expired.hash, expiresAt: "2026-04-01T00:00:00.000Z", procedureId: 1 },
      { tokenHash: other.hash, expiresAt: "2026-06-01T00:00:00.000Z", procedureId: 2 },
    ]);
    const flip = (t: string, i: number) => t.slice(0, i) + (t[i] === "A" ? "B" : "A") + t.slice(i + 1);
    const wrong: unknown[] = [
      newInvitationToken().token, // random
      expired.token, // expired
      open.token.slice(0, 42), // truncated
      flip(open.token, 0), // altered, first character
      flip(open.token, 42), // altered, last character
      open.token + "A", // extended
      ` ${open.token}`,
      "",
      "x".repeat(100_000),
      undefined,
      12345,
      { token: open.token },
      [open.token],
    ];
    for (const presented of wrong) {
      const before = s.lookups.length;
      expect(await resolveInvitationToken(presented, NOW, s.find)).toBeNull();
      expect(s.lookups.length - before).toBe(1);
      expect(s.lookups.at(-1)).toMatch(/^[0-9a-f]{64}$/);
    }
    // Another procedure's token opens that procedure's link, never this one's.
    expect((await resolveInvitationToken(other.token, NOW, s.find))?.procedureId).toBe(2);
  });
});
