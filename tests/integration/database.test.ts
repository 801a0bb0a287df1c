import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { verifyChain } from "@/lib/audit/hashChain";
import { tempDatabaseForFile } from "../support/tempDb";
import { expectRefusedBy } from "../support/constraints";
import { insertAssessment, insertComplication, insertPatient, insertProcedure, insertSite, insertUser } from "../support/fixtures";

const t = await tempDatabaseForFile("database");
const db = t.db;

let procedureId = 0;
let siteId = 0;
beforeAll(async () => {
  const site = await insertSite(db);
  siteId = site.id;
  const doc = await insertUser(db, "physician");
  const patient = await insertPatient(db, site.id);
  procedureId = (await insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId: site.id, procedureDate: "2026-01-10" })).id;
});

const chainRows = () => db.select().from(auditLog).orderBy(auditLog.id);

describe(`migrations (${t.dialect})`, () => {
  it("create every table of the data model", async () => {
    const query =
      t.dialect === "sqlite"
        ? sql`select name from sqlite_master where type = 'table'`
        : sql`select table_name from information_schema.tables where table_schema = 'public'`;
    const names = (await t.exec(query)).map((r) => r[0]);
    for (const table of [
      "users",
      "sites",
      "patients",
      "procedures",
      "assessments",
      "complications",
      "audit_log",
      "sign_in_attempts",
      "complication_notes",
      "sessions",
      "totp_credentials",
    ]) {
      expect(names).toContain(table);
    }
  });

  it.skipIf(t.dialect !== "sqlite")("turn on foreign keys and WAL for every SQLite connection", async () => {
    expect(await t.exec(sql`pragma foreign_keys`)).toEqual([[1]]);
    expect(await t.exec(sql`pragma journal_mode`)).toEqual([["wal"]]);
  });
});

describe("audit log", () => {
  it("is append-only: the database rejects UPDATE and DELETE", async () => {
    await appendAudit(db, { actor: null, action: "test.event", entity: "test", after: { a: 1 } });
    await expect(t.exec(sql`UPDATE audit_log SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.exec(sql`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    if (t.dialect === "postgres") await expect(t.exec(sql`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect((await chainRows()).length).toBe(1);
  });

  it("chains each row to the previous one so the chain verifies", async () => {
    await appendAudit(db, { actor: { id: 1, email: "a@b.c" }, action: "test.second", entity: "test", entityId: 7, before: { x: 1 }, after: { x: 2 } });
    const rows = await chainRows();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(verifyChain(rows)).toEqual({ ok: true, rows: rows.length });
  });

  it("detects a row edited behind the app's back (triggers bypassed, as a superuser or a raw file edit could)", async () => {
    await appendAudit(db, { actor: null, action: "test.third", entity: "test", after: { y: 3 } });
    const target = (await chainRows())[1]!;
    if (t.dialect === "sqlite") await t.exec(sql`DROP TRIGGER audit_log_no_update`);
    else await t.exec(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await t.exec(sql`UPDATE audit_log SET after_json = '{"x":999}' WHERE id = ${target.id}`);
    const verdict = verifyChain(await chainRows());
    expect(verdict).toMatchObject({ ok: false, brokenAtId: target.id });
  });
});

describe("domain constraints in the database", () => {
  it.each([
    ["NPRS back above 10", { nprsBack: 11 }],
    ["NPRS leg below 0", { nprsLeg: -1 }],
    ["ODI above 100", { odi: 100.5 }],
    ["negative walking tolerance", { walkingMinutes: -5 }],
    ["no score at all", { nprsBack: null, nprsLeg: null, odi: null }],
  ])("rejects an assessment with %s", async (_label, values) => {
    await expectRefusedBy("check", insertAssessment(db, { procedureId, timepoint: "unscheduled", assessedOn: "2026-02-01", ...values }));
  });

  it("rejects dates that are not ISO YYYY-MM-DD and levels that are not L1–S1 pairs", async () => {
    await expectRefusedBy("check", insertAssessment(db, { procedureId, timepoint: "unscheduled", assessedOn: "01/02/2026" }));
    const doc = await insertUser(db, "physician");
    const patient = await insertPatient(db, siteId);
    await expectRefusedBy("check", insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId, procedureDate: "2026-03-01", levels: "T12-L1" }));
  });

  it("accepts scores at the ends of their ranges", async () => {
    await expect(
      insertAssessment(db, { procedureId, timepoint: "unscheduled", assessedOn: "2026-02-02", nprsBack: 0, nprsLeg: 10, odi: 100, walkingMinutes: 0 }),
    ).resolves.toMatchObject({ odi: 100 });
  });

  it("allows one assessment per scheduled timepoint but repeated unscheduled visits", async () => {
    await insertAssessment(db, { procedureId, timepoint: "week_6", assessedOn: "2026-02-20" });
    await expectRefusedBy("unique", insertAssessment(db, { procedureId, timepoint: "week_6", assessedOn: "2026-02-21" }));
    await expect(insertAssessment(db, { procedureId, timepoint: "unscheduled", assessedOn: "2026-02-22" })).resolves.toBeDefined();
  });

  it("rejects a Clavien–Dindo grade outside I–V and a death not graded V", async () => {
    await expectRefusedBy("check", insertComplication(db, { procedureId, onsetDate: "2026-01-12", grade: 6 }));
    await expectRefusedBy("check", insertComplication(db, { procedureId, onsetDate: "2026-01-12", type: "death", grade: 4, outcome: "fatal" }));
  });

  it("keeps medical record numbers unique within a site, not across sites", async () => {
    await insertPatient(db, siteId, { mrn: "DUP-1" });
    await expectRefusedBy("unique", insertPatient(db, siteId, { mrn: "DUP-1" }));
    const other = await insertSite(db);
    await expect(insertPatient(db, other.id, { mrn: "DUP-1" })).resolves.toMatchObject({ mrn: "DUP-1" });
  });

  it("enforces foreign keys", async () => {
    await expectRefusedBy("foreign key", insertAssessment(db, { procedureId: 999999, timepoint: "baseline", assessedOn: "2026-01-01" }));
  });

  it("refuses a prior-treatment flag without the treatment type", async () => {
    const doc = await insertUser(db, "physician");
    const patient = await insertPatient(db, siteId);
    await expectRefusedBy(
      "check",
      insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId, procedureDate: "2026-03-01", priorTreatmentFlag: true }),
    );
  });
});
