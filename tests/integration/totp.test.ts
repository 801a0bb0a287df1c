/**
 * The optional TOTP second factor: enrolment (secret shown until confirmed, stored encrypted, never returned
 * afterwards), sign-in asking for the code, replay and wrong codes refused and audited, turning it off with
 * password + code, the administrator's reset, and REQUIRE_ADMIN_TOTP.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, signInAttempts, totpCredentials } from "@/db/schema";
import { verifyChain } from "@/lib/audit/hashChain";
import { hashPassword } from "@/lib/auth/password";
import { openTotpSecret, sealTotpSecret, totpCodeAt, totpKeyFilePath } from "@/lib/auth/totp";
import { authenticate, SecondFactorInvalidError, SecondFactorRequiredError } from "@/lib/dal/auth/authentication";
import { ForbiddenError, ValidationError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { principalFromClaims } from "@/lib/dal/auth/currentPrincipal";
import {
  acceptSignInCode,
  cancelTotpEnrolment,
  confirmTotpEnrolment,
  disableTotp,
  getTotpStatus,
  hasConfirmedTotp,
  resetTotp,
  secondFactorEnrolmentRequired,
  startTotpEnrolment,
  userHasSecondFactor,
} from "@/lib/dal/auth/totp";
import { createTempDatabase } from "../support/tempDb";
import { insertUser, principalOf } from "../support/fixtures";

const t = await createTempDatabase("totp");
const db = t.db;
// The key file lives beside DATABASE_PATH; a PostgreSQL run has no database file, so give it a directory of its
// own rather than the app's data/ folder.
const keyDir = t.dialect === "postgres" ? fs.mkdtempSync(path.join(os.tmpdir(), "mild-totp-key-")) : null;
if (keyDir) process.env.DATABASE_PATH = path.join(keyDir, "mild.db");
afterAll(async () => {
  await t.cleanup();
  if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.REQUIRE_ADMIN_TOTP;
});

const PASSWORD = "totp test password";
const STEP = 30_000;
let passwordHash: string;
let doc: Principal;
let admin: Principal;
let n = 0;
const newPhysician = async () => principalOf(await insertUser(db, "physician", { email: `totp${++n}@test.example`, passwordHash }));
const lastAudit = async () => (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;
const codeAt = (secret: string, ms: number) => totpCodeAt(secret, Math.floor(ms / 1000));

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD, 4);
  doc = await newPhysician();
  admin = principalOf(await insertUser(db, "admin", { email: "totp-admin@test.example", passwordHash }));
});

/** Enrols `who` at time `at`; returns the secret the authenticator app would hold. */
async function enrol(who: Principal, at = Date.now()) {
  const { secret } = await startTotpEnrolment(who);
  await confirmTotpEnrolment(who, codeAt(secret, at), at);
  return secret;
}

describe("enrolment", () => {
  it("shows the secret and an otpauth URI until confirmed, stores it encrypted, and never returns it afterwards", async () => {
    const who = await newPhysician();
    const { secret, uri } = await startTotpEnrolment(who);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toBe(`otpauth://totp/MILD%20Outcomes:${encodeURIComponent(who.email)}?secret=${secret}&issuer=MILD%20Outcomes`);
    expect(await getTotpStatus(who)).toMatchObject({ enrolled: false, pending: { secret, uri } });

    const [stored] = await db.select().from(totpCredentials).where(eq(totpCredentials.userId, who.id));
    expect(stored.secretEncrypted).not.toContain(secret);
    expect(stored.confirmedAt).toBeNull();

    const now = Date.now();
    await expect(confirmTotpEnrolment(who, "000000" === codeAt(secret, now) ? "111111" : "000000", now)).rejects.toBeInstanceOf(ValidationError);
    await confirmTotpEnrolment(who, codeAt(secret, now), now);
    const status = await getTotpStatus(who);
    expect(status).toMatchObject({ enrolled: true, pending: null });
    expect(JSON.stringify(status)).not.toContain(secret);
    expect(await lastAudit()).toMatchObject({ action: "auth.totp_enable", entityId: String(who.id) });
    expect((await lastAudit()).after).not.toContain(secret);
    await expect(startTotpEnrolment(who)).rejects.toBeInstanceOf(ValidationError);
  });

  it("can be cancelled before it is confirmed", async () => {
    const who = await newPhysician();
    await startTotpEnrolment(who);
    await cancelTotpEnrolment(who);
    expect(await getTotpStatus(who)).toMatchObject({ enrolled: false, pending: null });
  });

  it("ends every session of the user (opened with the password alone), so they sign in again with a code", async () => {
    const who = await newPhysician();
    const now = Date.now();
    const here = (await authenticate(who.email, PASSWORD, "10.5.0.1", { now }))!;
    const elsewhere = (await authenticate(who.email, PASSWORD, "10.5.0.2", { now }))!;
    const bystander = (await authenticate(doc.email, PASSWORD, "10.5.0.3", { now }))!;
    expect(here.secondFactor).toBe(false);
    const secret = await enrol(who, now);
    const claims = (s: typeof here) => ({ id: s.id, sv: s.sessionVersion, signedInAt: now, sid: s.sid });
    expect(await principalFromClaims(claims(here), now + 1000)).toBeNull();
    expect(await principalFromClaims(claims(elsewhere), now + 1000)).toBeNull();
    expect(await principalFromClaims(claims(bystander), now + 1000)).not.toBeNull();
    const again = await authenticate(who.email, PASSWORD, "10.5.0.1", { now: now + STEP, code: codeAt(secret, now + STEP) });
    expect(again).toMatchObject({ secondFactor: true });
  });
});

describe("signing in with a second factor", () => {
  let secret: string;
  const t0 = Date.now();
  beforeAll(async () => {
    secret = await enrol(doc, t0 - 10 * STEP);
  });

  it("asks for the code after a right password, recording nothing yet", async () => {
    const before = (await db.select().from(signInAttempts)).length;
    await expect(authenticate(doc.email, PASSWORD, "10.6.0.1", { now: t0 })).rejects.toBeInstanceOf(SecondFactorRequiredError);
    expect((await db.select().from(signInAttempts)).length).toBe(before);
  });

  it("never asks for the code after a wrong password", async () => {
    expect(await authenticate(doc.email, "wrong", "10.6.0.1", { now: t0 })).toBeNull();
  });

  it("refuses a wrong code, records and audits it", async () => {
    const wrong = codeAt(secret, t0) === "123456" ? "654321" : "123456";
    await expect(authenticate(doc.email, PASSWORD, "10.6.0.2", { now: t0, code: wrong })).rejects.toBeInstanceOf(SecondFactorInvalidError);
    expect(await lastAudit()).toMatchObject({ action: "auth.sign_in_failed" });
    expect(JSON.parse((await lastAudit()).after!)).toMatchObject({ reason: "wrong code" });
    expect((await db.select().from(signInAttempts).orderBy(desc(signInAttempts.id)).limit(1))[0]).toMatchObject({ succeeded: false, outcome: "wrong_code" });
  });

  it("accepts the current code once, audited as a two-step sign-in; the same code again is a replay", async () => {
    const code = codeAt(secret, t0);
    const user = await authenticate(doc.email, PASSWORD, "10.6.0.3", { now: t0, code });
    expect(user).toMatchObject({ id: doc.id, sid: expect.any(String) });
    expect(JSON.parse((await lastAudit()).after!)).toMatchObject({ secondFactor: "totp" });
    await expect(authenticate(doc.email, PASSWORD, "10.6.0.3", { now: t0 + 1000, code })).rejects.toBeInstanceOf(SecondFactorInvalidError);
    // The next 30-second code works, and a code with spaces as apps show it ("123 456") too.
    const next = codeAt(secret, t0 + STEP);
    expect(await authenticate(doc.email, PASSWORD, "10.6.0.3", { now: t0 + STEP, code: `${next.slice(0, 3)} ${next.slice(3)}` })).not.toBeNull();
  });

  it("accepts a code used by two sign-ins at the same moment once: one session, one replay refused", async () => {
    const now = t0 + 5 * STEP;
    const code = codeAt(secret, now);
    const results = await Promise.allSettled([0, 1].map((k) => authenticate(doc.email, PASSWORD, `10.6.1.${k}`, { now, code })));
    expect(results.filter((r) => r.status === "fulfilled" && r.value !== null)).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof SecondFactorInvalidError)).toHaveLength(1);
  });

  it("records a code's step with one compare-and-set: of two concurrent acceptances, outside any transaction, one wins", async () => {
    const who = await newPhysician();
    await enrol(who, t0 - 10 * STEP);
    const step = Math.floor(t0 / STEP) + 1000;
    // No writers' turn here: on PostgreSQL the two UPDATEs run on two connections, and the WHERE alone decides.
    const won = await Promise.all([acceptSignInCode(getDb(), who.id, step), acceptSignInCode(getDb(), who.id, step)]);
    expect(won.sort()).toEqual([false, true]);
    expect(await acceptSignInCode(getDb(), who.id, step - 1)).toBe(false);
    expect(await acceptSignInCode(getDb(), who.id, step + 1)).toBe(true);
  });

  it("accepts a code one step off (clock drift) but not two", async () => {
    const now = t0 + 10 * STEP;
    expect(await authenticate(doc.email, PASSWORD, "10.6.0.4", { now, code: codeAt(secret, now - STEP) })).not.toBeNull();
    await expect(authenticate(doc.email, PASSWORD, "10.6.0.4", { now: now + 5 * STEP, code: codeAt(secret, now + 2 * STEP) })).rejects.toBeInstanceOf(
      SecondFactorInvalidError,
    );
  });

  it("throttles code guessing like password guessing", async () => {
    const now = t0 + 20 * STEP;
    const wrong = (k: number) => String((Number(codeAt(secret, now)) + 1 + k) % 1_000_000).padStart(6, "0");
    for (let k = 0; k < 3; k++)
      await expect(authenticate(doc.email, PASSWORD, "10.6.0.5", { now: now + k, code: wrong(k) })).rejects.toBeInstanceOf(SecondFactorInvalidError);
    await expect(authenticate(doc.email, PASSWORD, "10.6.0.5", { now: now + 10, code: codeAt(secret, now) })).rejects.toThrow(/Too many attempts/);
  });
});

describe("turning it off", () => {
  it("needs the password and a current code; wrong ones are refused and audited", async () => {
    const who = await newPhysician();
    const t0 = Date.now() - 5 * STEP;
    const secret = await enrol(who, t0);
    const later = t0 + 2 * STEP;
    await expect(disableTotp(who, { password: "nope", code: codeAt(secret, later) }, "10.7.0.1", later)).rejects.toMatchObject({
      fieldErrors: { password: expect.any(Array) },
    });
    expect(await lastAudit()).toMatchObject({ action: "auth.totp_disable_failed" });
    await expect(
      disableTotp(who, { password: PASSWORD, code: "000000" === codeAt(secret, later) ? "111111" : "000000" }, "10.7.0.1", later),
    ).rejects.toMatchObject({ fieldErrors: { code: expect.any(Array) } });
    expect(await hasConfirmedTotp(who.id)).toBe(true);
    const open = (await authenticate(who.email, PASSWORD, "10.7.0.3", { now: later, code: codeAt(secret, later - STEP) }))!;
    await disableTotp(who, { password: PASSWORD, code: codeAt(secret, later) }, "10.7.0.1", later);
    expect(await hasConfirmedTotp(who.id)).toBe(false);
    // Every session ends: the person signs in again, now with the password alone.
    expect(await principalFromClaims({ id: who.id, sv: open.sessionVersion, signedInAt: later, sid: open.sid }, later + 1000)).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "auth.totp_disable", entityId: String(who.id) });
    expect(await authenticate(who.email, PASSWORD, "10.7.0.2")).not.toBeNull();
  });

  it("an administrator can reset someone's second factor (lost phone); nobody else can", async () => {
    const who = await newPhysician();
    const t0 = Date.now() - 2 * STEP;
    const secret = await enrol(who, t0);
    const open = (await authenticate(who.email, PASSWORD, "10.7.0.4", { now: t0 + STEP, code: codeAt(secret, t0 + STEP) }))!;
    await expect(resetTotp(doc, who.id)).rejects.toBeInstanceOf(ForbiddenError);
    // the Manage panel only offers the reset to an administrator, for someone who has a second factor
    await expect(userHasSecondFactor(doc, who.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await userHasSecondFactor(admin, who.id)).toBe(true);
    await resetTotp(admin, who.id);
    expect(await userHasSecondFactor(admin, who.id)).toBe(false);
    expect(await hasConfirmedTotp(who.id)).toBe(false);
    expect(await principalFromClaims({ id: who.id, sv: open.sessionVersion, signedInAt: t0 + STEP, sid: open.sid }, t0 + STEP + 1000)).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "user.reset_totp", userId: admin.id, entityId: String(who.id) });
    expect(await authenticate(who.email, PASSWORD, "10.7.0.4")).toMatchObject({ secondFactor: false });
  });
});

describe("REQUIRE_ADMIN_TOTP", () => {
  it("requires enrolment of administrators only, and only when set", async () => {
    const boss = principalOf(await insertUser(db, "admin", { email: "boss-totp@test.example", passwordHash }));
    expect(await secondFactorEnrolmentRequired(boss)).toBe(false);
    process.env.REQUIRE_ADMIN_TOTP = "1";
    expect(await secondFactorEnrolmentRequired(boss)).toBe(true);
    expect(await secondFactorEnrolmentRequired(await newPhysician())).toBe(false);
    expect((await getTotpStatus(boss)).required).toBe(true);
    await enrol(boss);
    expect(await secondFactorEnrolmentRequired(boss)).toBe(false);
  });
});

describe("secret storage", () => {
  it("is AES-GCM under a key outside the database, bound to the user; tampering or another key fails closed", () => {
    const sealed = sealTotpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", 7);
    expect(openTotpSecret(sealed, 7)).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    expect(openTotpSecret(sealed, 8)).toBeNull();
    const parts = sealed.split(".");
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith("AA") ? "BB" : "AA");
    expect(openTotpSecret(parts.join("."), 7)).toBeNull();
    expect(fs.statSync(totpKeyFilePath()).mode & 0o777).toBe(0o600);
    process.env.TOTP_ENCRYPTION_KEY = "ab".repeat(32);
    try {
      expect(openTotpSecret(sealed, 7)).toBeNull();
      expect(openTotpSecret(sealTotpSecret("X", 7), 7)).toBe("X");
    } finally {
      delete process.env.TOTP_ENCRYPTION_KEY;
    }
  });

  it("leaves an intact audit chain", async () => {
    expect(verifyChain(await db.select().from(auditLog).orderBy(auditLog.id)).ok).toBe(true);
  });
});
