import { beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { auditLog, sites, users } from "@/db/schema";
import { verifyChain } from "@/lib/audit/hashChain";
import { hashPassword } from "@/lib/auth/password";
import {
  createSite,
  createUser,
  DuplicateSiteCodeError,
  listSites,
  listUsers,
  resetPassword,
  revokeSessions,
  SelfLockoutError,
  setUserDisabled,
  updateSite,
  updateUser,
} from "@/lib/dal/admin/admin";
import { authenticate } from "@/lib/dal/auth/authentication";
import { ForbiddenError, NotFoundError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { principalFromClaims } from "@/lib/dal/auth/currentPrincipal";
import { DuplicateEmailError } from "@/lib/dal/admin/users";
import { newSiteSchema } from "@/lib/validation/sites";
import { newUserFormSchema, passwordResetFormSchema } from "@/lib/validation/users";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertSite, insertUser, principalOf } from "../support/fixtures";

const { db } = await tempDatabaseForFile("admin");

const MISSING_ID = 987_654;
let seq = 0;
const unique = () => ++seq;

let admin: Principal;
let physician: Principal;
let qualityOfficer: Principal;
let homeSite: Awaited<ReturnType<typeof insertSite>>;

beforeAll(async () => {
  homeSite = await insertSite(db, "HOME");
  admin = principalOf(await insertUser(db, "admin", { email: "boss@test.example", name: "The Admin" }));
  physician = principalOf(await insertUser(db, "physician", { siteId: homeSite.id }));
  qualityOfficer = principalOf(await insertUser(db, "quality_officer"));
});

/** Everything an admin function could write: both tables in full, and the audit log's size. */
async function snapshot() {
  return {
    users: await db.select().from(users).orderBy(users.id),
    sites: await db.select().from(sites).orderBy(sites.id),
    auditRows: await auditCount(),
  };
}
const auditCount = async () => (await db.select({ n: count() }).from(auditLog))[0]!.n;
const auditRowsFor = async (entity: string, id: number) =>
  (
    await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(id)))
      .orderBy(auditLog.id)
  ).filter((r) => r.entity === entity);
const lastAuditFor = async (entity: string, id: number) => (await auditRowsFor(entity, id)).at(-1)!;
const userRow = async (id: number) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
const claimsOf = async (id: number) => ({ id, sv: (await userRow(id)).sessionVersion, signedInAt: Date.now() });

// ---------- authorization matrix ----------

type Target = { userId: number; siteId: number };
type Case = { fn: string; writes: boolean; hasId: boolean; run: (p: Principal, target: Target) => Promise<unknown> };

const CASES: Case[] = [
  { fn: "listUsers", writes: false, hasId: false, run: (p) => listUsers(p) },
  { fn: "listSites", writes: false, hasId: false, run: (p) => listSites(p) },
  { fn: "createSite", writes: true, hasId: false, run: (p) => createSite(p, { code: `NEW${unique()}`, name: "New site" }) },
  // createUser takes no user id; the id it refers to is the site's.
  {
    fn: "createUser",
    writes: true,
    hasId: true,
    run: (p, target) =>
      createUser(p, { email: `new${unique()}@test.example`, name: "New Person", role: "physician", password: "long enough 1", siteId: target.siteId }),
  },
  {
    fn: "updateUser",
    writes: true,
    hasId: true,
    run: (p, target) => updateUser(p, target.userId, { name: `Renamed ${unique()}`, role: "quality_officer", siteId: null }),
  },
  { fn: "setUserDisabled", writes: true, hasId: true, run: (p, target) => setUserDisabled(p, target.userId, true) },
  { fn: "resetPassword", writes: true, hasId: true, run: (p, target) => resetPassword(p, target.userId, "a new password") },
  { fn: "revokeSessions", writes: true, hasId: true, run: (p, target) => revokeSessions(p, target.userId) },
  { fn: "updateSite", writes: true, hasId: true, run: (p, target) => updateSite(p, target.siteId, { name: `Renamed site ${unique()}` }) },
];

const ROLES_UNDER_TEST = ["physician", "quality_officer", "admin"] as const;
const principalFor = (role: (typeof ROLES_UNDER_TEST)[number]) => ({ physician, quality_officer: qualityOfficer, admin })[role];

const matrix = CASES.flatMap((c) =>
  ROLES_UNDER_TEST.flatMap((role) => (c.hasId ? (["existing", "missing"] as const) : (["existing"] as const)).map((idKind) => ({ ...c, role, idKind }))),
);

describe("authorization matrix: only an admin may manage users and sites", () => {
  it.each(matrix)("$fn by $role on $idKind id", async ({ run, role, idKind, writes }) => {
    const existing: Target = { userId: (await insertUser(db, "physician", { siteId: homeSite.id })).id, siteId: (await insertSite(db)).id };
    const target: Target = idKind === "existing" ? existing : { userId: MISSING_ID, siteId: MISSING_ID };
    const before = await snapshot();
    const call = run(principalFor(role), target);

    if (role !== "admin") {
      await expect(call).rejects.toBeInstanceOf(ForbiddenError);
      expect(await snapshot()).toEqual(before);
    } else if (idKind === "missing") {
      await expect(call).rejects.toBeInstanceOf(NotFoundError);
      expect(await snapshot()).toEqual(before);
    } else {
      const result = await call;
      expect(JSON.stringify(result)).not.toMatch(/passwordHash|password_hash|\$2[aby]\$/);
      expect(await auditCount()).toBe(before.auditRows + (writes ? 1 : 0));
    }
  });
});

// ---------- sessions ----------

describe("changes that end a person's sessions", () => {
  it("a role change bumps the session version, so a token issued under the old role is refused", async () => {
    const user = await insertUser(db, "physician");
    const oldClaims = await claimsOf(user.id);
    expect(await principalFromClaims(oldClaims)).not.toBeNull();

    await updateUser(admin, user.id, { name: user.name, role: "quality_officer", siteId: null });

    expect((await userRow(user.id)).sessionVersion).toBe(oldClaims.sv + 1);
    expect(await principalFromClaims(oldClaims)).toBeNull();
    expect(await principalFromClaims(await claimsOf(user.id))).toMatchObject({ id: user.id, role: "quality_officer" });
  });

  it("a name or site change alone keeps the person signed in (the principal is re-read on every request anyway)", async () => {
    const user = await insertUser(db, "physician");
    const oldClaims = await claimsOf(user.id);
    await updateUser(admin, user.id, { name: "New Name", role: "physician", siteId: String(homeSite.id) });
    expect(await principalFromClaims(oldClaims)).toMatchObject({ name: "New Name", siteId: homeSite.id });
  });

  it("disabling bumps the session version and refuses every token; enabling bumps it again", async () => {
    const user = await insertUser(db, "physician");
    const oldClaims = await claimsOf(user.id);

    const disabled = await setUserDisabled(admin, user.id, true);
    expect(disabled.disabled).toBe(true);
    expect((await userRow(user.id)).sessionVersion).toBe(oldClaims.sv + 1);
    expect(await principalFromClaims(oldClaims)).toBeNull();
    expect(await principalFromClaims(await claimsOf(user.id))).toBeNull();

    await setUserDisabled(admin, user.id, false);
    expect((await userRow(user.id)).sessionVersion).toBe(oldClaims.sv + 2);
    expect(await principalFromClaims(oldClaims)).toBeNull();
    expect(await principalFromClaims(await claimsOf(user.id))).toMatchObject({ id: user.id });
  });

  it("disabling an already disabled account changes nothing and writes no audit row", async () => {
    const user = await insertUser(db, "physician", { disabled: true });
    const before = await snapshot();
    await setUserDisabled(admin, user.id, true);
    expect(await snapshot()).toEqual(before);
  });

  it("revoking sessions bumps the session version and nothing else", async () => {
    const user = await insertUser(db, "physician", { siteId: homeSite.id });
    const oldClaims = await claimsOf(user.id);
    const before = await userRow(user.id);

    await revokeSessions(admin, user.id);

    const after = await userRow(user.id);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect({ ...after, sessionVersion: 0, updatedAt: "" }).toEqual({ ...before, sessionVersion: 0, updatedAt: "" });
    expect(await principalFromClaims(oldClaims)).toBeNull();
  });

  it("a password reset bumps the session version and the person signs in with the new password only", async () => {
    const user = await createUser(admin, { email: "reset.me@test.example", name: "Reset Me", role: "physician", password: "the old password" });
    expect(await authenticate("reset.me@test.example", "the old password", null)).not.toBeNull();
    const oldClaims = await claimsOf(user.id);

    await resetPassword(admin, user.id, "the new password");

    expect(await principalFromClaims(oldClaims)).toBeNull();
    expect(await authenticate("reset.me@test.example", "the old password", null)).toBeNull();
    expect(await authenticate("reset.me@test.example", "the new password", null)).toMatchObject({ id: user.id, sessionVersion: oldClaims.sv + 1 });
  });

  it("refuses a new password shorter than the minimum and writes nothing", async () => {
    const user = await insertUser(db, "physician");
    const before = await snapshot();
    await expect(resetPassword(admin, user.id, "short")).rejects.toThrow(/at least 8/);
    expect(await snapshot()).toEqual(before);
  });
});

// ---------- audit ----------

describe("audit trail of admin changes", () => {
  it("records before and after values of an account change", async () => {
    const user = await insertUser(db, "physician", { siteId: homeSite.id, name: "Before Name" });
    await updateUser(admin, user.id, { name: "After Name", role: "admin", siteId: null });
    const row = await lastAuditFor("user", user.id);
    expect(row).toMatchObject({ action: "user.update", userId: admin.id, userEmail: admin.email });
    expect(JSON.parse(row.before!)).toEqual({ name: "Before Name", role: "physician", siteId: homeSite.id, disabled: false, sessionVersion: 1 });
    expect(JSON.parse(row.after!)).toEqual({ name: "After Name", role: "admin", siteId: null, disabled: false, sessionVersion: 2 });
  });

  it("records a password reset as a fact, without the password or its hash", async () => {
    const user = await insertUser(db, "physician", { passwordHash: await hashPassword("first password", 4) });
    await resetPassword(admin, user.id, "second password");
    const row = await lastAuditFor("user", user.id);
    expect(row.action).toBe("user.reset_password");
    expect(JSON.parse(row.before!)).toEqual({ sessionVersion: 1 });
    expect(JSON.parse(row.after!)).toEqual({ sessionVersion: 2, passwordChanged: true });
  });

  it("records disable, enable, revoke, site creation and rename with before and after", async () => {
    const user = await insertUser(db, "physician");
    await setUserDisabled(admin, user.id, true);
    await setUserDisabled(admin, user.id, false);
    await revokeSessions(admin, user.id);
    const actions = (await auditRowsFor("user", user.id)).map((r) => [
      r.action,
      JSON.parse(r.before!).disabled,
      JSON.parse(r.after!).disabled,
      JSON.parse(r.after!).sessionVersion,
    ]);
    expect(actions).toEqual([
      ["user.disable", false, true, 2],
      ["user.enable", true, false, 3],
      ["user.revoke_sessions", undefined, undefined, 4],
    ]);

    const site = await createSite(admin, { code: " aud1 ", name: "Audit Site", timeZone: "Pacific/Kiritimati" });
    await updateSite(admin, site.id, { name: "Audit Site Renamed" });
    await updateSite(admin, site.id, { name: "Audit Site Renamed", timeZone: "Pacific/Pago_Pago" });
    expect((await auditRowsFor("site", site.id)).map((r) => [r.action, r.before && JSON.parse(r.before), JSON.parse(r.after!)])).toEqual([
      ["site.create", null, { id: site.id, code: "AUD1", name: "Audit Site", timeZone: "Pacific/Kiritimati" }],
      [
        "site.update",
        { code: "AUD1", name: "Audit Site", timeZone: "Pacific/Kiritimati" },
        { code: "AUD1", name: "Audit Site Renamed", timeZone: "Pacific/Kiritimati" },
      ],
      [
        "site.update",
        { code: "AUD1", name: "Audit Site Renamed", timeZone: "Pacific/Kiritimati" },
        { code: "AUD1", name: "Audit Site Renamed", timeZone: "Pacific/Pago_Pago" },
      ],
    ]);
  });

  it("never returns a password hash, and no audit row holds one or a typed password", async () => {
    const listed = await listUsers(admin);
    expect(listed.length).toBeGreaterThan(3);
    for (const row of listed)
      expect(Object.keys(row).sort()).toEqual(["coordinatorSiteIds", "createdAt", "disabled", "email", "id", "name", "role", "siteId", "siteName"]);
    const all = await db.select().from(auditLog);
    for (const row of all) {
      const text = `${row.before ?? ""} ${row.after ?? ""}`;
      expect(text).not.toMatch(/passwordHash|password_hash|\$2[aby]\$/);
      expect(text).not.toMatch(/long enough 1|the old password|the new password|second password|a new password/);
    }
  });

  it("leaves an intact audit chain behind", async () => {
    expect(verifyChain(await db.select().from(auditLog).orderBy(auditLog.id)).ok).toBe(true);
  });
});

// ---------- lockout and duplicates ----------

describe("refusals that keep the clinic working", () => {
  it("an admin cannot disable their own account", async () => {
    const before = await snapshot();
    const call = setUserDisabled(admin, admin.id, true);
    await expect(call).rejects.toBeInstanceOf(SelfLockoutError);
    await expect(setUserDisabled(admin, admin.id, true)).rejects.toThrow(/cannot disable your own account/);
    expect(await snapshot()).toEqual(before);
  });

  it("an admin cannot remove their own admin role, but may rename themselves", async () => {
    const before = await snapshot();
    await expect(updateUser(admin, admin.id, { name: admin.name, role: "physician", siteId: null })).rejects.toThrow(
      /cannot remove your own administrator role/,
    );
    expect(await snapshot()).toEqual(before);

    const renamed = await updateUser(admin, admin.id, { name: "The Admin (renamed)", role: "admin", siteId: null });
    expect(renamed).toMatchObject({ name: "The Admin (renamed)", role: "admin" });
    expect(await principalFromClaims(await claimsOf(admin.id))).toMatchObject({ role: "admin" });
  });

  it("another admin may disable an admin (the acting admin remains)", async () => {
    const other = await insertUser(db, "admin");
    expect((await setUserDisabled(admin, other.id, true)).disabled).toBe(true);
  });

  it("refuses a duplicate email, whatever its case, with a clear message", async () => {
    const before = await snapshot();
    const call = createUser(admin, { email: "  BOSS@test.example", name: "Copy", role: "physician", password: "long enough 1" });
    await expect(call).rejects.toBeInstanceOf(DuplicateEmailError);
    await expect(createUser(admin, { email: "boss@test.example", name: "Copy", role: "physician", password: "long enough 1" })).rejects.toThrow(
      "An account with the email boss@test.example already exists",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a duplicate site code, whatever its case, with a clear message", async () => {
    await createSite(admin, { code: "DUP", name: "First" });
    const before = await snapshot();
    await expect(createSite(admin, { code: "dup", name: "Second" })).rejects.toBeInstanceOf(DuplicateSiteCodeError);
    await expect(createSite(admin, { code: "DUP", name: "Second" })).rejects.toThrow("A site with the code DUP already exists");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to attach an account to a site that does not exist", async () => {
    const user = await insertUser(db, "physician");
    const before = await snapshot();
    await expect(updateUser(admin, user.id, { name: user.name, role: "physician", siteId: MISSING_ID })).rejects.toBeInstanceOf(NotFoundError);
    expect(await snapshot()).toEqual(before);
  });

  it("validates input the way the forms send it: text ids, blank site, trimmed names", async () => {
    const created = await createUser(admin, {
      email: "Form.Sent@Test.Example",
      name: "  Form Person  ",
      role: "physician",
      password: "long enough 1",
      siteId: "",
    });
    expect(created).toMatchObject({ email: "form.sent@test.example", name: "Form Person", siteId: null, siteName: null, disabled: false });
    const moved = await updateUser(admin, created.id, { name: "Form Person", role: "physician", siteId: String(homeSite.id) });
    expect(moved).toMatchObject({ siteId: homeSite.id, siteName: homeSite.name });
    await expect(updateUser(admin, created.id, { name: " ", role: "surgeon", siteId: "x" })).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["name"] }),
        expect.objectContaining({ path: ["role"] }),
        expect.objectContaining({ path: ["siteId"] }),
      ]),
    });
  });

  it("lists sites with how many accounts belong to each", async () => {
    const site = await createSite(admin, { code: "CNT", name: "Counted" });
    await insertUser(db, "physician", { siteId: site.id });
    await insertUser(db, "physician", { siteId: site.id });
    expect((await listSites(admin)).find((s) => s.id === site.id)).toMatchObject({ code: "CNT", name: "Counted", users: 2 });
  });
});

// ---------- the forms' schemas ----------

describe("admin form validation", () => {
  const fieldErrorsOf = (result: { success: boolean; error?: z.ZodError }) => (result.success ? {} : z.flattenError(result.error!).fieldErrors);

  it("reports every problem of a new-account form at once, each on its field, including a password typo", () => {
    const result = newUserFormSchema.safeParse({
      email: "not-an-email",
      name: " ",
      role: "surgeon",
      password: "long enough",
      confirmPassword: "long enuogh",
      siteId: "",
    });
    expect(fieldErrorsOf(result)).toEqual({
      email: ["Enter a valid email address"],
      name: ["Enter the person's name"],
      role: ["Choose physician, quality officer, admin or coordinator"],
      confirmPassword: ["The two passwords do not match"],
    });
  });

  it("accepts a form's text values: blank site means none, digits become an id, the email is normalised", () => {
    expect(
      newUserFormSchema.parse({ email: " A@B.Org ", name: "Ann", role: "physician", password: "long enough", confirmPassword: "long enough", siteId: "" }),
    ).toMatchObject({
      email: "a@b.org",
      siteId: null,
    });
    expect(
      newUserFormSchema.parse({ email: "a@b.org", name: "Ann", role: "physician", password: "long enough", confirmPassword: "long enough", siteId: "12" })
        .siteId,
    ).toBe(12);
  });

  it("asks for a password reset typed twice and long enough", () => {
    expect(fieldErrorsOf(passwordResetFormSchema.safeParse({ password: "short", confirmPassword: "" }))).toEqual({
      password: ["Use at least 8 characters"],
      confirmPassword: ["Type the password again"],
    });
  });

  it("stores site codes upper-case and refuses characters a spreadsheet would mangle", () => {
    expect(newSiteSchema.parse({ code: " nvs-2 ", name: " North ", timeZone: "Europe/Berlin" })).toEqual({
      code: "NVS-2",
      name: "North",
      timeZone: "Europe/Berlin",
    });
    expect(fieldErrorsOf(newSiteSchema.safeParse({ code: "N V;S", name: "" }))).toEqual({
      code: ["Use letters, digits, - and _ only, starting with a letter or digit"],
      name: ["Enter the site's name"],
    });
  });

  it("gives a new site the server's time zone when none is typed, and refuses a zone that does not exist beside the field", () => {
    expect(newSiteSchema.parse({ code: "TZ1", name: "Zoned", timeZone: "" }).timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const unknown = ["Unknown time zone: write its IANA name, such as Europe/Berlin, America/Chicago or Australia/Sydney"];
    expect(fieldErrorsOf(newSiteSchema.safeParse({ code: "TZ1", name: "Zoned", timeZone: "Mars/Olympus_Mons" }))).toEqual({ timeZone: unknown });
    expect(fieldErrorsOf(newSiteSchema.safeParse({ code: "TZ1", name: "Zoned", timeZone: "+02:00" }))).toEqual({ timeZone: unknown });
  });
});
