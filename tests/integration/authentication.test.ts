import { afterAll, describe, expect, it } from "vitest";
import { desc } from "drizzle-orm";
import { auditLog, signInAttempts } from "@/db/schema";
import { verifyChain } from "@/lib/audit/hashChain";
import { verifyPassword } from "@/lib/auth/password";
import { authenticate } from "@/lib/dal/authentication";
import { createUser, DuplicateEmailError } from "@/lib/dal/users";
import { createTempDatabase } from "../support/tempDb";
import { insertUser, principalOf } from "../support/fixtures";

const t = createTempDatabase("auth");
const db = t.db;
afterAll(() => t.cleanup());
const system = { role: "system" as const, label: "test" };
const lastAudit = () => db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;

describe("creating accounts", () => {
  it("stores a bcrypt hash, never the password, and audits the creation", async () => {
    const user = await createUser(system, { email: "Dr.Who@Clinic.org ", name: "Dr Who", role: "physician", password: "correct horse" });
    expect(user.email).toBe("dr.who@clinic.org");
    const row = db.$client.prepare("select password_hash from users where id = ?").get(user.id) as { password_hash: string };
    expect(row.password_hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await verifyPassword("correct horse", row.password_hash)).toBe(true);
    expect(lastAudit()).toMatchObject({ action: "user.create", entity: "user", entityId: String(user.id) });
    expect(lastAudit().after).not.toContain("correct horse");
  });

  it("refuses a duplicate email, a short password and a non-admin creator", async () => {
    await expect(createUser(system, { email: "dr.who@clinic.org", name: "Again", role: "admin", password: "long enough" })).rejects.toBeInstanceOf(DuplicateEmailError);
    await expect(createUser(system, { email: "new@clinic.org", name: "New", role: "admin", password: "short" })).rejects.toThrow(/at least 8/);
    const physician = principalOf(insertUser(db, "physician"));
    await expect(createUser(physician, { email: "x@clinic.org", name: "X", role: "admin", password: "long enough" })).rejects.toThrow(/Only administrators/);
  });
});

describe("signing in", () => {
  it("accepts the right password and records the sign-in", async () => {
    const user = await authenticate("dr.who@clinic.org", "correct horse", "127.0.0.1");
    expect(user).toMatchObject({ email: "dr.who@clinic.org", role: "physician", sessionVersion: 1 });
    expect(user).not.toHaveProperty("passwordHash");
    expect(lastAudit()).toMatchObject({ action: "auth.sign_in", userEmail: "dr.who@clinic.org" });
  });

  it.each([
    ["wrong password", "dr.who@clinic.org", "wrong password"],
    ["unknown account", "nobody@clinic.org", "correct horse"],
  ])("refuses a %s and audits the failed attempt", async (reason, email, password) => {
    expect(await authenticate(email, password, "10.0.0.9")).toBeNull();
    expect(lastAudit()).toMatchObject({ action: "auth.sign_in_failed" });
    expect(JSON.parse(lastAudit().after!)).toMatchObject({ email, reason, clientAddress: "10.0.0.9" });
    expect(db.select().from(signInAttempts).orderBy(desc(signInAttempts.id)).limit(1).get()).toMatchObject({ email, succeeded: false });
  });

  it("refuses a disabled account even with the right password", async () => {
    db.$client.prepare("update users set disabled = 1 where email = ?").run("dr.who@clinic.org");
    expect(await authenticate("dr.who@clinic.org", "correct horse", null)).toBeNull();
    expect(JSON.parse(lastAudit().after!)).toMatchObject({ reason: "account disabled" });
  });

  it("leaves an intact audit chain behind", () => {
    expect(verifyChain(db.select().from(auditLog).orderBy(auditLog.id).all()).ok).toBe(true);
  });
});
