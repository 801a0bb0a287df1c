import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { verifyChain } from "@/lib/audit/hashChain";
import { createTempDatabase } from "../support/tempDb";
import { insertAssessment, insertComplication, insertPatient, insertProcedure, insertSite, insertUser } from "../support/fixtures";

const t = createTempDatabase("database");
const db = t.db;
afterAll(() => t.cleanup());

let procedureId = 0;
let siteId = 0;
beforeAll(() => {
  const site = insertSite(db);
  siteId = site.id;
  const doc = insertUser(db, "physician");
  const patient = insertPatient(db, site.id);
  procedureId = insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId: site.id, procedureDate: "2026-01-10" }).id;
});

const chainRows = () => db.select().from(auditLog).orderBy(auditLog.id).all();

describe("migrations", () => {
  it("create every table of the data model", () => {
    const names = db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table'`).map((r) => r.name);
    for (const table of ["users", "sites", "patients", "procedures", "assessments", "complications", "audit_log", "sign_in_attempts"]) {
      expect(names).toContain(table);
    }
  });

  it("turn on foreign keys and WAL for every connection", () => {
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
  });
});

describe("audit log", () => {
  it("is append-only: the database rejects UPDATE and DELETE", () => {
    appendAudit(db, { actor: null, action: "test.event", entity: "test", after: { a: 1 } });
    expect(() => db.$client.prepare("UPDATE audit_log SET action = 'forged'").run()).toThrow(/append-only/);
    expect(() => db.$client.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
  });

  it("chains each row to the previous one so the chain verifies", () => {
    appendAudit(db, { actor: { id: 1, email: "a@b.c" }, action: "test.second", entity: "test", entityId: 7, before: { x: 1 }, after: { x: 2 } });
    const rows = chainRows();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(verifyChain(rows)).toEqual({ ok: true, rows: rows.length });
  });

  it("detects a row edited behind the app's back (triggers dropped, as a raw file edit would)", () => {
    appendAudit(db, { actor: null, action: "test.third", entity: "test", after: { y: 3 } });
    const target = chainRows()[1]!;
    db.$client.exec("DROP TRIGGER audit_log_no_update");
    db.$client.prepare("UPDATE audit_log SET after_json = '{\"x\":999}' WHERE id = ?").run(target.id);
    const verdict = verifyChain(chainRows());
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
  ])("rejects an assessment with %s", (_label, values) => {
    expect(() => insertAssessment(db, { procedureId, timepoint: "unscheduled", assessedOn: "2026-02-01", ...values })).toThrow(/CHECK constraint/);
  });

  it("accepts scores at the ends of their ranges", () => {
    expect(() => insertAssessment(db, { procedureId, timepoint: "unscheduled", assessedOn: "2026-02-02", nprsBack: 0, nprsLeg: 10, odi: 100, walkingMinutes: 0 })).not.toThrow();
  });

  it("allows one assessment per scheduled timepoint but repeated unscheduled visits", () => {
    insertAssessment(db, { procedureId, timepoint: "week_6", assessedOn: "2026-02-20" });
    expect(() => insertAssessment(db, { procedureId, timepoint: "week_6", assessedOn: "2026-02-21" })).toThrow(/UNIQUE/);
    insertAssessment(db, { procedureId, timepoint: "unscheduled", assessedOn: "2026-02-22" });
  });

  it("rejects a Clavien–Dindo grade outside I–V and a death not graded V", () => {
    expect(() => insertComplication(db, { procedureId, onsetDate: "2026-01-12", grade: 6 })).toThrow(/CHECK/);
    expect(() => insertComplication(db, { procedureId, onsetDate: "2026-01-12", type: "death", grade: 4, outcome: "fatal" })).toThrow(/CHECK/);
  });

  it("keeps medical record numbers unique within a site, not across sites", () => {
    insertPatient(db, siteId, { mrn: "DUP-1" });
    expect(() => insertPatient(db, siteId, { mrn: "DUP-1" })).toThrow(/UNIQUE/);
    const other = insertSite(db);
    expect(() => insertPatient(db, other.id, { mrn: "DUP-1" })).not.toThrow();
  });

  it("enforces foreign keys", () => {
    expect(() => insertAssessment(db, { procedureId: 999999, timepoint: "baseline", assessedOn: "2026-01-01" })).toThrow(/FOREIGN KEY/);
  });

  it("refuses a prior-treatment flag without the treatment type", () => {
    const doc = insertUser(db, "physician");
    const patient = insertPatient(db, siteId);
    expect(() => insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId, procedureDate: "2026-03-01", priorTreatmentFlag: true })).toThrow(/CHECK/);
  });
});
