import { describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { auditLog, signInAttempts, users } from "@/db/schema";
import { verifyChain } from "@/lib/audit/hashChain";
import { verifyPassword } from "@/lib/auth/password";
import { authenticate } from "@/lib/dal/auth/authentication";
import { createAccount, DuplicateEmailError } from "@/lib/dal/admin/users";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertUser, principalOf } from "../support/fixtures";

const { db } = await tempDatabaseForFile("auth");
const system = { role: "system" as const, label: "test" };
const lastAudit = async () => (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;

describe("creating accounts", () => {
  it("stores a bcrypt hash, never the password, and audits the creation", async () => {
    const user = await createAccount(system, { email: "Dr.Who@Clinic.org ", name: "Dr Who", role: "physician", password: "correct horse" });
    expect(user.email).toBe("dr.who@clinic.org");
    const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword("correct horse", row.passwordHash)).toBe(true);
    expect(await lastAudit()).toMatchObject({ action: "user.create", entity: "user", entityId: String(user.id) });
    expect((await lastAudit()).after).not.toContain("correct horse");
  });

  it("refuses a duplicate email, a short password and a non-admin creator", async () => {
    await expect(createAccount(system, { email: "dr.who@clinic.org", name: "Again", role: "admin", password: "long enough" })).rejects.toBeInstanceOf(
      DuplicateEmailError,
    );
    await expect(createAccount(system, { email: "new@clinic.org", name: "New", role: "admin", password: "short" })).rejects.toThrow(/at least 8/);
    const physician = principalOf(await insertUser(db, "physician"));
    await expect(createAccount(physician, { email: "x@clinic.org", name: "X", role: "admin", password: "long enough" })).rejects.toThrow(/Only administrators/);
  });
});

describe("signing in", () => {
  it("accepts the right password and records the sign-in", async () => {
    const user = await authenticate("dr.who@clinic.org", "correct horse", "127.0.0.1");
    expect(user).toMatchObject({ email: "dr.who@clinic.org", role: "physician", sessionVersion: 1 });
    expect(user).not.toHaveProperty("passwordHash");
    expect(await lastAudit()).toMatchObject({ action: "auth.sign_in", userEmail: "dr.who@clinic.org" });
  });

  it.each([
    ["wrong password", "dr.who@clinic.org", "wrong password"],
    ["unknown account", "nobody@clinic.org", "correct horse"],
  ])("refuses a %s and audits the failed attempt", async (reason, email, password) => {
    expect(await authenticate(email, password, "10.0.0.9")).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: "auth.sign_in_failed" });
    expect(JSON.parse((await lastAudit()).after!)).toMatchObject({ email, reason, clientAddress: "10.0.0.9" });
    expect((await db.select().from(signInAttempts).orderBy(desc(signInAttempts.id)).limit(1))[0]).toMatchObject({ email, succeeded: false });
  });

  it("refuses a disabled account even with the right password", async () => {
    await db.update(users).set({ disabled: true }).where(eq(users.email, "dr.who@clinic.org"));
    expect(await authenticate("dr.who@clinic.org", "correct horse", null)).toBeNull();
    expect(JSON.parse((await lastAudit()).after!)).toMatchObject({ reason: "account disabled" });
  });

  it("leaves an intact audit chain behind", async () => {
    expect(verifyChain(await db.select().from(auditLog).orderBy(auditLog.id)).ok).toBe(true);
  });
});
