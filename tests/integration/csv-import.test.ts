/**
 * CSV import: the round trip (identified export → import into an empty database → export again gives the same
 * file), idempotent re-import, a dry-run message for each kind of problem (by row and column), files refused
 * whole (encoding, header, quotes, size, row count), who may import what, all-or-nothing commits that leave
 * the database and the audit log untouched when refused, and 10,000 rows in seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, desc, eq } from "drizzle-orm";
import { getDb, type AppDatabase } from "@/db/client";
import { assessments, auditLog, complications, diaryEntries, patients, procedures, sites, users } from "@/db/schema";
import { verifyChain, type ChainRow } from "@/lib/audit/hashChain";
import { addDaysIso } from "@/lib/outcomes/dates";
import { exportCsvResponse } from "@/lib/http/csvExportResponse";
import { readCsv } from "@/lib/csv/import/readCsv";
import { importResponse } from "@/lib/http/csvImportResponse";
import { templateCsv } from "@/lib/csv/import/template";
import { ForbiddenError } from "@/lib/dal/errors";
import { commitImport, dryRunImport, type ImportReport } from "@/lib/dal/csv/importRecords";
import type { Principal } from "@/lib/dal/principal";
import { importRequest, seedDemoInto } from "../fixtures/csv/csvHelpers";
import { insertAssessment, insertComplication, insertPatient, insertProcedure, principalOf } from "../support/fixtures";
import { IMPORT_HEADER, complicationImportRow, importCsv, importUpload, procedureImportRow } from "../support/importRows";
import { createTempDatabase, type TempDatabase } from "../support/tempDb";

const TODAY = "2026-11-01";
const source = await createTempDatabase("csv-import-source");
const target = await createTempDatabase("csv-import-target");
afterAll(async () => {
  await source.cleanup();
  await target.cleanup();
});
/**
 * The app's DAL opens whichever database DATABASE_PATH (SQLite) or DATABASE_URL (PostgreSQL) names; the handle
 * returned is that database's. (A temp database's own `db` is closed once the next one is created.)
 */
function useDatabase(t: TempDatabase): AppDatabase {
  if (t.dialect === "postgres") process.env.DATABASE_URL = t.target;
  else process.env.DATABASE_PATH = t.file;
  return getDb();
}
const encoder = new TextEncoder();

async function principalIn(db: AppDatabase, email: string): Promise<Principal> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return principalOf(user!);
}
async function snapshot(db: AppDatabase) {
  const n = async (table: typeof patients | typeof procedures | typeof assessments | typeof complications | typeof auditLog) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    patients: await n(patients),
    procedures: await n(procedures),
    assessments: await n(assessments),
    complications: await n(complications),
    audit: await n(auditLog),
  };
}
const firstSite = async (db: AppDatabase) => (await db.select().from(sites).orderBy(sites.id).limit(1))[0]!;
async function exportText(p: Principal, kind: "procedures" | "complications") {
  const response = await exportCsvResponse(p, kind, new URLSearchParams({ identified: "1", reason: "round trip test" }), TODAY, "POST");
  expect(response.status).toBe(200);
  return response.text();
}

let srcAdmin: Principal;
let admin: Principal;
let doc: Principal;
let otherDoc: Principal;
let qo: Principal;
let exported = { procedures: "", complications: "" };
/** What the source holds, read while it is the app's database. */
let sourceCounts = { complications: 0, assessments: 0 };
let targetSiteCode = "";

beforeAll(async () => {
  await seedDemoInto(source, { procedures: 250, seed: 5, end: TODAY, physicians: 3 });
  const src = useDatabase(source);
  // The CSV carries assessments, not the patients' relief diaries (nor their invitations): a diary's exact relief
  // day cannot be derived again after a round trip, so the round trip starts from records without one.
  await src.delete(diaryEntries);
  // Records entered in the app have no external id: the export gives them one, the import keeps it.
  const siteId = (await firstSite(src)).id;
  const [physician] = await src.select().from(users).where(eq(users.email, "physician1@example.org")).limit(1);
  const patient = await insertPatient(src, siteId, { name: 'O\'Brien, "Pat"', mrn: "-007", primaryPhysicianId: physician!.id, diabetes: true });
  const procedure = await insertProcedure(src, {
    patientId: patient.id,
    physicianId: physician!.id,
    siteId,
    procedureDate: "2026-05-05",
    notes: "Line one\nline two, with a comma",
  });
  await insertAssessment(src, { procedureId: procedure.id, timepoint: "baseline", assessedOn: "2026-05-01", odi: 51.111111111111114 });
  await insertAssessment(src, {
    procedureId: procedure.id,
    timepoint: "month_3",
    assessedOn: "2026-08-06",
    nprsBack: 2,
    nprsLeg: 1,
    odi: 20,
    reliefOnsetDate: "2026-05-20",
  });
  await insertComplication(src, {
    procedureId: procedure.id,
    onsetDate: "2026-05-06",
    reportedBy: physician!.id,
    type: "other",
    typeOther: "=vasovagal",
    treatment: "+fluids",
  });
  srcAdmin = await principalIn(src, "admin@example.org");
  exported = { procedures: await exportText(srcAdmin, "procedures"), complications: await exportText(srcAdmin, "complications") };
  sourceCounts = { complications: (await src.select().from(complications)).length, assessments: (await src.select().from(assessments)).length };
  const sourceSites = await src.select().from(sites).orderBy(sites.id);
  const sourceUsers = await src.select().from(users).orderBy(users.id);

  // The target: an empty database with the same sites and accounts.
  const db = useDatabase(target);
  for (const s of sourceSites) await db.insert(sites).values({ code: s.code, name: s.name });
  for (const u of sourceUsers) {
    const code = sourceSites.find((s) => s.id === u.siteId)?.code;
    const siteId = code ? (await db.select().from(sites).where(eq(sites.code, code)).limit(1))[0]!.id : null;
    await db.insert(users).values({ email: u.email, name: u.name, role: u.role, passwordHash: "x", siteId });
  }
  admin = await principalIn(db, "admin@example.org");
  doc = await principalIn(db, "physician1@example.org");
  otherDoc = await principalIn(db, "physician2@example.org");
  qo = await principalIn(db, "quality@example.org");
  targetSiteCode = (await firstSite(db)).code;
});

describe("round trip", () => {
  it("identified export → import into an empty database → export again gives the same rows", async () => {
    const db = useDatabase(target);
    expect(await snapshot(db)).toMatchObject({ patients: 0, procedures: 0 });
    const dry = await dryRunImport(admin, importUpload(exported), TODAY);
    expect(dry.problems).toEqual([]);
    expect(dry.ok).toBe(true);
    expect((await snapshot(db)).procedures).toBe(0); // a dry run writes nothing

    const report = await commitImport(admin, importUpload(exported), TODAY);
    expect(report).toMatchObject({ committed: true, ok: true });
    expect(report.counts.procedures.new).toBe(251);
    expect(report.counts.complications.new).toBe(sourceCounts.complications);
    expect(report.counts.assessments.new).toBe(sourceCounts.assessments);

    expect(await exportText(admin, "procedures")).toBe(exported.procedures);
    expect(await exportText(admin, "complications")).toBe(exported.complications);
  });

  it("wrote one audit row per record plus a summary, and kept the hash chain intact", async () => {
    const rows = (await useDatabase(target).select().from(auditLog).orderBy(asc(auditLog.id))) as ChainRow[];
    expect(verifyChain(rows)).toMatchObject({ ok: true });
    const actions = rows.map((r) => r.action);
    expect(actions.filter((a) => a === "procedure.import")).toHaveLength(251);
    expect(actions.filter((a) => a === "import.commit")).toHaveLength(1);
    const summary = JSON.parse(rows.find((r) => r.action === "import.commit")!.after!);
    expect(summary).toMatchObject({ importerRole: "admin", adjudicationKept: true, counts: { procedures: { new: 251 } } });
  });

  it("re-importing the same files changes nothing (idempotent on the external ids)", async () => {
    const db = useDatabase(target);
    const before = await snapshot(db);
    const report = await commitImport(admin, importUpload(exported), TODAY);
    expect(report.committed).toBe(true);
    expect(report.counts.procedures).toEqual({ new: 0, linked: 0, unchanged: 251 });
    expect(report.counts.assessments.new).toBe(0);
    expect(report.counts.complications.new).toBe(0);
    expect(await snapshot(db)).toEqual({ ...before, audit: before.audit + 1 });
  });
});

// ---------- small hand-written files ----------

/** A valid row by physician1 at the target site, with a baseline and a 6-week back pain score. */
const procRow = (over: Record<string, string> = {}) =>
  procedureImportRow("t", {
    physician_ref: "physician1@example.org",
    site: targetSiteCode,
    assessed_on_baseline: "2026-03-25",
    back_nrs_baseline: "7",
    assessed_on_6w: "2026-05-13",
    back_nrs_6w: "3",
    ...over,
  });
const C_HEADER = [
  "complication_ref",
  "procedure_ref",
  "type",
  "type_other",
  "onset_date",
  "serious",
  "grade",
  "relatedness",
  "treatment",
  "outcome",
  "adjudication_status",
  "final_grade",
];
const compRow = (over: Record<string, string> = {}) => complicationImportRow("t", { procedure_ref: "", serious: "0", ...over });

function problemsOf(report: ImportReport) {
  return report.problems.map((p) => ({ file: p.file, row: p.row, column: p.column, message: p.message }));
}

describe("dry run: every problem by row and column", () => {
  it("reports bad ranges, unknown physician and site, impossible dates, duplicates and conflicts, each where it is", async () => {
    useDatabase(target);
    const rows = [
      procRow({ back_nrs_6w: "11" }), // row 2: out of range
      procRow({ physician_ref: "nobody@example.org" }), // row 3: unknown physician
      procRow({ site: "ZZZ" }), // row 4: unknown site
      procRow({ procedure_date: "2026-02-30" }), // row 5: impossible date
      procRow({ date_of_birth: "2026-05-01" }), // row 6: born after the procedure
      procRow({ assessed_on_6w: "2026-03-01" }), // row 7: follow-up before the procedure
      procRow({ procedure_ref: "t-dup" }), // row 8
      procRow({ procedure_ref: "t-dup" }), // row 9: duplicate procedure_ref
      procRow({ patient_mrn: "T-DUP-MRN" }), // row 10
      procRow({ patient_mrn: "T-DUP-MRN" }), // row 11: same MRN, another patient
      procRow({ diabetes: "maybe" }), // row 12: flag not 1/0
      procRow({ levels: "L9-L10" }), // row 13
      procRow({ procedure_date: "2027-01-01", assessed_on_6w: "", back_nrs_6w: "" }), // row 14: future
      procRow({ odi_baseline: "120" }), // row 15
      procRow({ assessed_on_6w: "" }), // row 16: scores without a date
    ];
    const report = await dryRunImport(admin, importUpload({ procedures: importCsv(rows) }), TODAY);
    const problems = problemsOf(report);
    const at = (row: number, column: string) => problems.filter((p) => p.row === row && p.column === column).map((p) => p.message);
    expect(at(2, "back_nrs_6w")).toEqual(["NPRS back pain must be a whole number from 0 to 10"]);
    expect(at(3, "physician_ref")[0]).toMatch(/Unknown physician.*nobody@example.org/);
    expect(at(4, "site")[0]).toMatch(/Unknown site code ZZZ/);
    expect(at(5, "procedure_date")).toEqual(["The procedure date is not a real calendar date"]);
    expect(at(6, "procedure_date")).toEqual(["Enter a procedure date after the patient's date of birth (1 May 2026)"]);
    expect(at(7, "assessed_on_6w")).toEqual(["Enter a date after the procedure (1 Apr 2026), or choose “Baseline” for an assessment before it"]);
    expect(at(9, "procedure_ref")[0]).toMatch(/Duplicate procedure_ref: row 8/);
    expect(at(11, "patient_mrn")[0]).toMatch(/Duplicate MRN.*row 10/);
    expect(at(12, "diabetes")).toEqual(["Write 1 (yes) or 0 (no)"]);
    expect(at(13, "levels")[0]).toMatch(/Levels are L1-L2/);
    expect(at(14, "procedure_date")).toEqual(["Enter a procedure date no later than today (1 Nov 2026)"]);
    expect(at(15, "odi_baseline")[0]).toMatch(/ODI must be a number from 0 to 100/);
    expect(at(16, "assessed_on_6w")[0]).toMatch(/Enter the assessment date/);
    expect(report.ok).toBe(false);
    expect(problems.every((p) => p.file === "procedures.csv")).toBe(true);
  });

  it("reports a patient described two ways, a conflict with a stored record, and complication problems", async () => {
    const db = useDatabase(target);
    const [stored] = await db.select().from(procedures).where(eq(procedures.externalId, "demo-procedure-000001"));
    const [storedPatient] = await db.select().from(patients).where(eq(patients.id, stored!.patientId));
    const a = procRow({ patient_ref: "t-shared" });
    const b = procRow({ patient_ref: "t-shared", patient_mrn: a.patient_mrn!, patient_name: "Someone Else" });
    const report = await dryRunImport(
      admin,
      importUpload({
        procedures: importCsv([a, b]),
        complications: importCsv(
          [
            compRow({ procedure_ref: a.procedure_ref!, onset_date: "2026-03-01" }), // before the procedure
            compRow({ procedure_ref: "no-such-procedure" }),
            compRow({ procedure_ref: a.procedure_ref!, grade: "7" }),
            compRow({ procedure_ref: a.procedure_ref!, type: "death", grade: "3", outcome: "fatal" }),
            compRow({ procedure_ref: stored!.externalId!, complication_ref: "demo-complication-x", adjudication_status: "approved" }),
          ],
          C_HEADER,
        ),
      }),
      TODAY,
    );
    const problems = problemsOf(report);
    expect(problems).toContainEqual({ file: "procedures.csv", row: 3, column: "patient_name", message: "Patient t-shared is described differently on row 2" });
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "complications.csv", row: 2, column: "onset_date", message: expect.stringMatching(/on or after the procedure date/) }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "complications.csv", row: 3, column: "procedure_ref", message: expect.stringMatching(/Unknown procedure_ref/) }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "complications.csv", row: 4, column: "grade", message: "Clavien–Dindo grade must be a whole number from 1 to 5" }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "complications.csv", row: 5, column: "grade", message: "A death is Clavien–Dindo grade V" }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: "complications.csv", row: 6, column: "adjudication_status" }));

    // The stored procedure's row again, with one value changed: refused, naming the column and the stored value.
    const exportedRows = exported.procedures.split("\r\n");
    const header = exportedRows[0]!.split(",");
    const nameAt = header.indexOf("patient_name");
    const line = exportedRows.find((l) => l.startsWith(`${stored!.externalId},`))!;
    const cells = line.split(",");
    cells[nameAt] = "Changed Name";
    const changed = await dryRunImport(admin, importUpload({ procedures: [exportedRows[0], cells.join(","), ""].join("\r\n") }), TODAY);
    expect(problemsOf(changed)).toEqual([
      {
        file: "procedures.csv",
        row: 2,
        column: "patient_name",
        message: `Differs from the stored patient (stored: "${storedPatient!.name}"); correct it in the app or make the file match`,
      },
    ]);
  });

  it("refuses whole files it cannot read: encoding, header, quotes, cell counts, size, row count", async () => {
    useDatabase(target);
    const problemFor = async (procedures: string | Uint8Array) => problemsOf(await dryRunImport(admin, importUpload({ procedures }), TODAY));
    const latin1 = Uint8Array.from([...encoder.encode(IMPORT_HEADER.join(",") + "\r\n")].concat([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]));
    expect((await problemFor(latin1))[0]!.message).toMatch(/not UTF-8/);
    expect((await problemFor(Uint8Array.from([0xff, 0xfe, 0x61, 0x00])))[0]!.message).toMatch(/UTF-16/);
    const noHeader = importCsv([procRow()]).split("\r\n").slice(1).join("\r\n");
    expect(await problemFor(noHeader)).toEqual([{ file: "procedures.csv", row: 1, column: null, message: expect.stringMatching(/not the header row/) }]);
    const missing = importCsv(
      [procRow()],
      IMPORT_HEADER.filter((h) => h !== "levels"),
    );
    expect(await problemFor(missing)).toContainEqual({
      file: "procedures.csv",
      row: 1,
      column: "levels",
      message: "Required column missing from the header row.",
    });
    expect(await problemFor(importCsv([procRow()], [...IMPORT_HEADER, "back_nrs_12M"]))).toContainEqual(
      expect.objectContaining({ row: 1, column: "back_nrs_12M", message: expect.stringMatching(/Unknown column/) }),
    );
    const unbalanced = importCsv([procRow()]) + `x,"unclosed,1\r\n`;
    expect((await problemFor(unbalanced))[0]!.message).toMatch(/quotes are unbalanced/);
    expect((await problemFor(importCsv([procRow()]) + "a,b\r\n"))[0]).toMatchObject({ row: 3, message: expect.stringMatching(/This row has 2 cells/) });
    expect((await problemFor(new Uint8Array(0)))[0]!.message).toMatch(/empty/);
    // Over 50 MB, and over 100,000 rows.
    const big = new Uint8Array(50 * 1024 * 1024 + 1).fill(0x61);
    expect((await problemFor(big))[0]!.message).toMatch(/limit is 50 MB/);
    const long = "a\r\n".repeat(100_002);
    expect(readCsv(encoder.encode(long))).toEqual({ ok: false, message: "The file has more than 100,000 rows. Split it into smaller files." });
  });
});

describe("who may import what", () => {
  it("quality officers cannot import at all (they never write clinical records)", async () => {
    useDatabase(target);
    await expect(dryRunImport(qo, importUpload({ procedures: importCsv([procRow()]) }), TODAY)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(commitImport(qo, importUpload({ procedures: importCsv([procRow()]) }), TODAY)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await importResponse(qo, importRequest("dry-run", { procedures: importCsv([procRow()]) }), TODAY)).status).toBe(403);
    expect((await importResponse(null, importRequest("dry-run", { procedures: importCsv([procRow()]) }), TODAY)).status).toBe(401);
  });

  it("a physician imports only their own procedures, and their complications enter as awaiting adjudication", async () => {
    const db = useDatabase(target);
    const mine = procRow({ physician_ref: "physician1@example.org" });
    const theirs = procRow({ physician_ref: "physician2@example.org" });
    const refused = await dryRunImport(doc, importUpload({ procedures: importCsv([mine, theirs]) }), TODAY);
    expect(problemsOf(refused)).toEqual([
      {
        file: "procedures.csv",
        row: 3,
        column: "physician_ref",
        message: `You can import only your own procedures: this row names physician2@example.org, you are ${doc.email}`,
      },
    ]);

    const [otherStored] = await db.select().from(procedures).where(eq(procedures.physicianId, otherDoc.id)).orderBy(procedures.id).limit(1);
    const complication = compRow({ procedure_ref: mine.procedure_ref!, adjudication_status: "confirmed", final_grade: "1" });
    const onOthers = compRow({ procedure_ref: otherStored!.externalId! });
    const report = await dryRunImport(
      doc,
      importUpload({ procedures: importCsv([mine]), complications: importCsv([complication, onOthers], C_HEADER) }),
      TODAY,
    );
    // Another physician's procedure is answered as one that does not exist (import-privacy.test.ts).
    expect(problemsOf(report)).toEqual([
      { file: "complications.csv", row: 3, column: "procedure_ref", message: expect.stringMatching(/^Unknown procedure_ref/) },
    ]);

    const ok = await commitImport(doc, importUpload({ procedures: importCsv([mine]), complications: importCsv([complication], C_HEADER) }), TODAY);
    expect(ok.committed).toBe(true);
    expect(ok.notices[0]).toMatch(/ignored.*wait for a quality officer/);
    const [stored] = await db.select().from(complications).where(eq(complications.externalId, complication.complication_ref));
    expect(stored).toMatchObject({ adjudicationStatus: "pending", finalGrade: null, reportedBy: doc.id });
    const [procedure] = await db.select().from(procedures).where(eq(procedures.externalId, mine.procedure_ref!));
    expect(procedure).toMatchObject({ physicianId: doc.id, createdBy: doc.id });
    const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(last).toMatchObject({ action: "import.commit", userId: doc.id });
    expect(JSON.parse(last!.after!)).toMatchObject({ importerRole: "physician", adjudicationKept: false });
  });

  it("a record entered in the app without a reference is matched by its natural key and takes the file's reference", async () => {
    const db = useDatabase(target);
    const site = await firstSite(db);
    const patient = await insertPatient(db, site.id, { mrn: "APP-1", name: "Entered In App", dateOfBirth: "1949-02-02", primaryPhysicianId: doc.id });
    await insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId: site.id, procedureDate: "2026-06-01" });
    const row = procRow({
      patient_ref: "ext-pat-app-1",
      patient_mrn: "APP-1",
      patient_name: "Entered In App",
      date_of_birth: "1949-02-02",
      site: site.code,
      procedure_date: "2026-06-01",
      procedure_ref: "ext-proc-app-1",
      assessed_on_baseline: "",
      back_nrs_baseline: "",
      assessed_on_6w: "",
      back_nrs_6w: "",
    });
    const report = await commitImport(doc, importUpload({ procedures: importCsv([row]) }), TODAY);
    expect(report.counts.patients).toEqual({ new: 0, linked: 1, unchanged: 0 });
    expect(report.counts.procedures).toEqual({ new: 0, linked: 1, unchanged: 0 });
    expect((await db.select().from(patients).where(eq(patients.id, patient.id)))[0]!.externalId).toBe("ext-pat-app-1");
  });
});

describe("all or nothing", () => {
  it("a failed import changes nothing: row counts and the audit log stay as they were", async () => {
    const db = useDatabase(target);
    const before = await snapshot(db);
    const good = [procRow(), procRow(), procRow()];
    const bad = procRow({ back_nrs_baseline: "-1" });
    const report = await commitImport(
      admin,
      importUpload({ procedures: importCsv([...good, bad]), complications: importCsv([compRow({ procedure_ref: good[0]!.procedure_ref! })], C_HEADER) }),
      TODAY,
    );
    expect(report).toMatchObject({ committed: false, ok: false });
    expect(problemsOf(report)).toEqual([
      { file: "procedures.csv", row: 5, column: "back_nrs_baseline", message: "NPRS back pain must be a whole number from 0 to 10" },
    ]);
    expect(await snapshot(db)).toEqual(before);

    // A problem only the database can see (unknown site) also refuses the whole commit.
    const dbProblem = await commitImport(admin, importUpload({ procedures: importCsv([procRow(), procRow({ site: "NOPE" })]) }), TODAY);
    expect(dbProblem.committed).toBe(false);
    expect(await snapshot(db)).toEqual(before);

    // Through the route: 422, and still nothing written.
    const response = await importResponse(admin, importRequest("commit", { procedures: importCsv([...good, bad]) }), TODAY);
    expect(response.status).toBe(422);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe("the upload route", () => {
  it("answers a dry run and a commit as JSON, and refuses what is not a multipart upload or too large", async () => {
    useDatabase(target);
    const files = { procedures: importCsv([procRow()]) };
    const dry = await importResponse(doc, importRequest("dry-run", files), TODAY);
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ mode: "dry-run", ok: true, committed: false, counts: { procedures: { new: 1 } } });
    const commit = await importResponse(doc, importRequest("commit", files), TODAY);
    expect(await commit.json()).toMatchObject({ mode: "commit", committed: true });
    expect((await importResponse(doc, importRequest("publish", files), TODAY)).status).toBe(400);
    const notMultipart = new Request("http://localhost/api/import?mode=dry-run", { method: "POST", body: "a,b", headers: { "content-type": "text/csv" } });
    expect((await importResponse(doc, notMultipart, TODAY)).status).toBe(415);
    const tooLarge = new Request("http://localhost/api/import?mode=dry-run", {
      method: "POST",
      body: "x",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(200 * 1024 * 1024) },
    });
    expect((await importResponse(doc, tooLarge, TODAY)).status).toBe(413);
    const garbled = new Request("http://localhost/api/import?mode=dry-run", {
      method: "POST",
      body: "not a multipart body",
      headers: { "content-type": "multipart/form-data; boundary=zzz" },
    });
    expect((await importResponse(doc, garbled, TODAY)).status).toBe(400);
  });

  it("the template's header is the import's format and its example row fails only on the placeholders", async () => {
    useDatabase(target);
    const template = templateCsv("procedures");
    expect(template.split("\r\n")[0]).toBe(IMPORT_HEADER.join(","));
    const report = await dryRunImport(admin, importUpload({ procedures: template, complications: templateCsv("complications") }), TODAY);
    expect(problemsOf(report).map((p) => p.column)).toEqual(["physician_ref", "site", "procedure_ref"]);
  });
});

describe("size", () => {
  it("imports 10,000 rows with their 30,000 assessments in one commit", async () => {
    const big = await createTempDatabase("csv-import-big");
    try {
      const db = useDatabase(big);
      await db.insert(sites).values({ code: "BIG", name: "Big site" });
      const [created] = await db.insert(users).values({ email: "a@big.test", name: "A", role: "admin", passwordHash: "x" }).returning();
      const a = principalOf(created!);
      await db.insert(users).values({ email: "d@big.test", name: "D", role: "physician", passwordHash: "x" });
      const rows = Array.from({ length: 10_000 }, (_, i) => {
        const procedureDate = `2025-${String((i % 10) + 1).padStart(2, "0")}-10`;
        return procRow({
          site: "BIG",
          physician_ref: "d@big.test",
          procedure_date: procedureDate,
          assessed_on_baseline: `2025-${String((i % 10) + 1).padStart(2, "0")}-03`,
          // Each follow-up inside its timepoint's window (6 weeks: day 42; 12 months: day 365), on or before TODAY.
          assessed_on_6w: addDaysIso(procedureDate, 42),
          assessed_on_12m: addDaysIso(procedureDate, 365),
          back_nrs_12m: "2",
          odi_12m: "18",
        });
      });
      const file = importCsv(rows);
      const started = performance.now();
      const report = await commitImport(a, importUpload({ procedures: file }), TODAY);
      const seconds = (performance.now() - started) / 1000;
      console.log(`10,000-row import (${(file.length / 1024 / 1024).toFixed(1)} MB, 30,000 assessments): ${seconds.toFixed(2)} s`);
      expect(report.problems).toEqual([]);
      expect(report.counts.procedures.new).toBe(10_000);
      expect(report.counts.assessments.new).toBe(30_000);
    } finally {
      await big.cleanup();
      useDatabase(target);
    }
  }, 120_000);
});
