/**
 * Sign-in throttling: exponential back-off per (account, address) pair, a per-address limit across accounts,
 * an account-wide limit that only ever touches addresses that failed before — and the property that matters
 * most: however an account is attacked, its owner with the right password from a clean address gets in.
 * Time is passed in as `now`; bulk attacker history is inserted directly instead of spending bcrypt on it.
 */
import type { IncomingMessage } from "node:http";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { count, desc, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { auditLog, signInAttempts } from "@/db/schema";
import { clientAddressFrom, SOCKET_ADDRESS_HEADER, stampSocketAddress } from "@/lib/auth/clientAddress";
import { hashPassword } from "@/lib/auth/password";
import { parseSignInError, throttledMessage } from "@/lib/auth/signInErrors";
import { authenticate, SignInThrottledError } from "@/lib/dal/auth/authentication";
import { backoffSeconds, signInRetryAfter, THROTTLE_RULES } from "@/lib/dal/auth/throttle";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertUser } from "../support/fixtures";

const { db } = await tempDatabaseForFile("throttle");

const PASSWORD = "the right one";
const SEC = 1000;
let passwordHash: string;
let n = 0;
/** A fresh account per test, so tests do not share failure history. */
const account = async () => (await insertUser(db, "physician", { email: `throttle${++n}@test.example`, passwordHash })).email;
/** `count` fresh accounts, one after another. */
async function accounts(count: number) {
  const emails: string[] = [];
  for (let i = 0; i < count; i++) emails.push(await account());
  return emails;
}

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD, 4);
});

const attempts = async () => (await db.select({ n: count() }).from(signInAttempts))[0]!.n;
const audits = async () => (await db.select({ n: count() }).from(auditLog))[0]!.n;

/** The error an attempt is refused with, or "ok" / "wrong". */
async function attempt(email: string, password: string, address: string | null, now: number) {
  try {
    return (await authenticate(email, password, address, { now })) ? "ok" : "wrong";
  } catch (error) {
    if (error instanceof SignInThrottledError) return error;
    throw error;
  }
}

type Attempt = typeof signInAttempts.$inferInsert;
const failure = (email: string, address: string, atMs: number): Attempt => ({
  at: new Date(atMs).toISOString(),
  email,
  clientAddress: address,
  succeeded: false,
  outcome: "wrong_password",
});

/** Rows in statements of at most 500 (PostgreSQL binds at most 65,535 parameters per statement). */
async function insertAttempts(rows: Attempt[]) {
  for (let i = 0; i < rows.length; i += 500)
    await getDb()
      .insert(signInAttempts)
      .values(rows.slice(i, i + 500));
}

/** History inserted straight into the table: `failures` failed attempts ending at `lastAt`. */
async function pastFailures(email: string, address: string, failures: number, lastAt: number) {
  await insertAttempts(Array.from({ length: failures }, (_, k) => failure(email, address, lastAt - (failures - 1 - k) * SEC)));
}

describe("back-off growth", () => {
  it("is free for the allowance, then doubles up to the cap", () => {
    const waits = Array.from({ length: 16 }, (_, failures) => backoffSeconds(failures, THROTTLE_RULES.pair));
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
  });

  it("makes each further wrong password from the same address wait twice as long", async () => {
    const email = await account();
    const t0 = Date.now();
    for (let i = 0; i < 3; i++) expect(await attempt(email, "wrong", "10.2.0.1", t0 + i * SEC)).toBe("wrong");
    let now = t0 + 2 * SEC;
    const observed: number[] = [];
    for (let round = 0; round < 5; round++) {
      const refused = await attempt(email, "wrong", "10.2.0.1", now);
      expect(refused).toBeInstanceOf(SignInThrottledError);
      const wait = (refused as SignInThrottledError).retryAfterSeconds;
      observed.push(wait);
      now += wait * SEC;
      expect(await attempt(email, "wrong", "10.2.0.1", now)).toBe("wrong");
    }
    expect(observed).toEqual([1, 2, 4, 8, 16]);
  });

  it("refuses a throttled attempt without writing anything (no record, no audit row, no bcrypt)", async () => {
    const email = await account();
    const t0 = Date.now();
    await pastFailures(email, "10.2.0.2", 8, t0);
    const [before, auditsBefore] = [await attempts(), await audits()];
    const started = performance.now();
    const refused = await attempt(email, PASSWORD, "10.2.0.2", t0 + SEC);
    expect(refused).toBeInstanceOf(SignInThrottledError);
    expect((refused as SignInThrottledError).retryAfterSeconds).toBe(31); // 2^(8-3) = 32 s after the last failure
    expect([await attempts(), await audits()]).toEqual([before, auditsBefore]);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it("is reset for the pair by a successful sign-in", async () => {
    const email = await account();
    const t0 = Date.now();
    await pastFailures(email, "10.2.0.3", 3, t0 - 10 * SEC);
    expect(await attempt(email, PASSWORD, "10.2.0.3", t0)).toBe("ok");
    expect(await signInRetryAfter(email, "10.2.0.3", t0 + SEC)).toBeNull();
  });

  it("audits every failed attempt, not the throttled ones", async () => {
    const email = await account();
    const t0 = Date.now();
    await attempt(email, "wrong", "10.2.0.4", t0);
    const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last.action).toBe("auth.sign_in_failed");
    expect(JSON.parse(last.after!)).toMatchObject({ email, reason: "wrong password", clientAddress: "10.2.0.4" });
    expect(await db.select().from(signInAttempts).where(eq(signInAttempts.email, email))).toEqual([
      expect.objectContaining({ succeeded: false, outcome: "wrong_password" }),
    ]);
  });
});

describe("per-address limit", () => {
  it("slows an address that sprays many accounts, and only that address", async () => {
    const t0 = Date.now();
    const sprayed = await accounts(THROTTLE_RULES.address.free);
    // One failure on each of 10 accounts: no pair has failed more than once.
    for (const [i, email] of sprayed.entries()) await pastFailures(email, "10.3.0.1", 1, t0 - (10 - i) * 100);
    const next = await account();
    expect(await signInRetryAfter(next, "10.3.0.1", t0)).toMatchObject({ rule: "address", retryAfterSeconds: 1 });
    expect(await attempt(next, PASSWORD, "10.3.0.2", t0)).toBe("ok");
  });

  it("forgets failures older than an hour", async () => {
    const t0 = Date.now();
    const email = await account();
    for (const e of await accounts(12)) await pastFailures(e, "10.3.0.3", 1, t0 - 61 * 60 * SEC);
    expect(await signInRetryAfter(email, "10.3.0.3", t0)).toBeNull();
  });
});

describe("no lock-out", () => {
  it("lets the owner in from a clean address while the account is under attack from many", async () => {
    const victim = await account();
    const t0 = Date.now();
    for (let a = 1; a <= 25; a++) await pastFailures(victim, `203.0.113.${a}`, 6, t0 - SEC);
    // The attackers' addresses wait; the owner, from an address that never failed, does not.
    expect(await signInRetryAfter(victim, "203.0.113.7", t0)).toMatchObject({ rule: expect.stringMatching(/pair|account/) });
    expect(await signInRetryAfter(victim, "198.51.100.20", t0)).toBeNull();
    expect(await attempt(victim, PASSWORD, "198.51.100.20", t0)).toBe("ok");
  });

  it("lets the owner in from an address they used before, even after a typo there", async () => {
    const victim = await account();
    const t0 = Date.now();
    expect(await attempt(victim, PASSWORD, "198.51.100.30", t0 - 3600 * SEC)).toBe("ok");
    for (let a = 1; a <= 25; a++) await pastFailures(victim, `203.0.114.${a}`, 6, t0 - SEC);
    expect(await attempt(victim, "typo", "198.51.100.30", t0)).toBe("wrong");
    expect(await attempt(victim, PASSWORD, "198.51.100.30", t0 + SEC)).toBe("ok");
  });

  it("slows a fresh address after its first failure when the account is under attack (one guess per address)", async () => {
    const victim = await account();
    const t0 = Date.now();
    for (let a = 1; a <= 10; a++) await pastFailures(victim, `203.0.115.${a}`, 1, t0 - SEC);
    expect(await attempt(victim, "guess", "203.0.115.200", t0)).toBe("wrong");
    expect(await signInRetryAfter(victim, "203.0.115.200", t0 + SEC)).toMatchObject({ rule: "account" });
  });

  it("property: whatever the attack history, the right password from a clean address is never throttled", async () => {
    const victim = await account();
    const t0 = Date.now();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ address: fc.integer({ min: 1, max: 40 }), failures: fc.integer({ min: 1, max: 30 }), minutesAgo: fc.integer({ min: 0, max: 48 * 60 }) }),
          { maxLength: 20 },
        ),
        fc.integer({ min: 1, max: 250 }),
        async (history, clean) => {
          const rows = history.flatMap((h) =>
            Array.from({ length: h.failures }, (_, i) => failure(victim, `192.0.2.${h.address}`, t0 - h.minutesAgo * 60 * SEC - i * SEC)),
          );
          await transaction(() => insertAttempts(rows));
          try {
            return (await signInRetryAfter(victim, `198.18.0.${clean}`, t0)) === null;
          } finally {
            await db.delete(signInAttempts).where(eq(signInAttempts.email, victim));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("what the login form is told", () => {
  it("maps the throttle error to 'Too many attempts — try again in N seconds'", () => {
    const view = parseSignInError("Throttled:42");
    expect(view).toEqual({ kind: "throttled", seconds: 42 });
    expect(throttledMessage(42)).toBe("Too many attempts — try again in 42 seconds.");
    expect(parseSignInError("CredentialsSignin")).toEqual({ kind: "credentials" });
  });
});

describe("client address", () => {
  it("by default trusts no forwarding header: the connection's address, whatever X-Forwarded-For says", () => {
    const previous = process.env.TRUSTED_PROXIES;
    delete process.env.TRUSTED_PROXIES;
    try {
      const h = new Headers({ "x-forwarded-for": "198.51.100.7", [SOCKET_ADDRESS_HEADER]: "::ffff:192.0.2.10" });
      expect(clientAddressFrom(h)).toBe("192.0.2.10");
      expect(clientAddressFrom({ "x-forwarded-for": "198.51.100.7" })).toBeNull();
    } finally {
      if (previous !== undefined) process.env.TRUSTED_PROXIES = previous;
    }
  });

  it("behind n proxies takes the entry the nearest proxy appended, not the one the client wrote", () => {
    const h = new Headers({ "x-forwarded-for": "6.6.6.6, 10.9.8.7", [SOCKET_ADDRESS_HEADER]: "10.0.0.1" });
    expect(clientAddressFrom(h, 1)).toBe("10.9.8.7");
    expect(clientAddressFrom(h, 2)).toBe("6.6.6.6");
    // Not through the proxies (no header): the connection's own address.
    expect(clientAddressFrom({ [SOCKET_ADDRESS_HEADER]: "10.0.0.1" }, 1)).toBe("10.0.0.1");
    expect(clientAddressFrom({ "x-forwarded-for": "::ffff:127.0.0.1" }, 1)).toBe("127.0.0.1");
    expect(clientAddressFrom({ "x-forwarded-for": "<script>" }, 1)).toBeNull();
    expect(clientAddressFrom(new Headers(), 1)).toBeNull();
  });

  it("replaces any copy of the connection-address header a client sent with the connection's address", () => {
    const req = {
      socket: { remoteAddress: "::ffff:203.0.113.9" },
      headers: { [SOCKET_ADDRESS_HEADER]: "1.2.3.4" },
      rawHeaders: ["Host", "x", "X-Mild-Socket-Address", "1.2.3.4"],
    } as unknown as IncomingMessage;
    stampSocketAddress(req);
    expect(req.headers[SOCKET_ADDRESS_HEADER]).toBe("::ffff:203.0.113.9");
    expect(req.rawHeaders).toEqual(["Host", "x", SOCKET_ADDRESS_HEADER, "::ffff:203.0.113.9"]);
    expect(clientAddressFrom(req.headers, 0)).toBe("203.0.113.9");
  });
});
