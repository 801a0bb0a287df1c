/**
 * CSV export: de-identification checked against the seeded identifiers, a physician's file holding only their
 * own procedures, identified files only for QO/admin with a reason, formula injection neutralised in text but
 * not in numbers, the audit row, batching that never changes the content, and a file that reconciles with the
 * summary API (counts and the Kaplan–Meier median recomputed from the CSV).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { assessments, auditLog, complications, patients, procedures } from "@/db/schema";
import { getAuthSecret } from "@/lib/auth/secret";
import { COMPLICATION_COLUMNS, PROCEDURE_COLUMNS, columnsFor } from "@/lib/csv/columns";
import { neutraliseFormula, restoreNeutralised } from "@/lib/csv/formulaSafe";
import { pseudonymizer } from "@/lib/csv/export/pseudonym";
import { procedureLayout } from "@/lib/csv/export/records";
import { exportCsvResponse, exportFormParams } from "@/lib/http/csvExportResponse";
import { csvStream } from "@/lib/csv/export/stream";
import { openProcedureExport } from "@/lib/dal/csv/exportCohort";
import { outcomeSummaryFor } from "@/lib/dal/outcomes/api";
import type { Principal } from "@/lib/dal/principal";
import { parseOutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { kaplanMeier } from "@/lib/stats";
import { readCsvResponse, demoPrincipals, seedDemoInto } from "../fixtures/csv/csvHelpers";
import { insertAssessment, insertPatient, insertProcedure } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const t = await tempDatabaseForFile("csv-export");
const db = t.db;

const TODAY = "2026-11-01";
let qo: Principal;
let admin: Principal;
let doc: Principal;
let otherDoc: Principal;
let injected = { procedureId: 0, patientId: 0 };

beforeAll(async () => {
  await seedDemoInto(t, { procedures: 400, seed: 11, end: TODAY, physicians: 4 });
  ({ qo, admin, doc, otherDoc } = await demoPrincipals(db));
  // Cells that a spreadsheet would run as formulas, and a patient over 89.
  const [{ siteId }] = await db.select().from(patients).orderBy(patients.id).limit(1);
  const patient = await insertPatient(db, siteId, {
    name: '=HYPERLINK("http://evil.example","click")',
    mrn: "+MRN-INJ",
    dateOfBirth: "1930-01-15",
    primaryPhysicianId: doc.id,
    email: "old.patient@example.org",
    mobile: "+44 7700 900123",
  });
  const procedure = await insertProcedure(db, {
    patientId: patient.id,
    physicianId: doc.id,
    siteId,
    procedureDate: "2026-03-10",
    deviceLot: "@LOT-1",
    notes: "-2+3 then\ttab",
  });
  await insertAssessment(db, { procedureId: procedure.id, timepoint: "baseline", assessedOn: "2026-03-03", nprsBack: 8, nprsLeg: 7, odi: 50 });
  await insertAssessment(db, { procedureId: procedure.id, timepoint: "week_2", assessedOn: "2026-03-24", nprsBack: 3, nprsLeg: 2, odi: 30 });
  injected = { procedureId: procedure.id, patientId: patient.id };
});

function filtersOf(query: string) {
  const parsed = parseOutcomeFilters(new URLSearchParams(query));
  if (!parsed.success) throw new Error(query);
  return parsed.filters;
}
/** As the app asks: an identified file by POST from its export form, a de-identified one by GET. */
const exportAs = (p: Principal | null, kind: "procedures" | "complications", query: Record<string, string> = {}) =>
  exportCsvResponse(p, kind, new URLSearchParams(query), TODAY, query.identified ? "POST" : "GET");
const lastAudit = async () => (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;

describe("de-identified by default (Safe Harbor)", () => {
  it("contains no MRN, name, date of birth, exact date, lot number or free text from the database", async () => {
    const response = await exportAs(qo, "procedures");
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Mild-Export")).toBe("de-identified");
    const { header, rows, text } = await readCsvResponse(response);
    expect(header).toEqual(columnsFor(PROCEDURE_COLUMNS, false).map((c) => c.name));
    expect(rows).toHaveLength(401);

    const forbidden = new Set<string>();
    const storedPatients = await db.select().from(patients);
    for (const p of storedPatients) [p.mrn, p.name, p.dateOfBirth, p.email, p.mobile].forEach((v) => v && forbidden.add(v));
    for (const p of await db.select().from(procedures))
      [p.procedureDate, p.deviceLot, p.notes, p.priorTreatmentDate, p.externalId].forEach((v) => v && forbidden.add(v));
    for (const a of await db.select().from(assessments)) [a.assessedOn, a.reliefOnsetDate].forEach((v) => v && forbidden.add(v));
    for (const c of await db.select().from(complications)) [c.onsetDate, c.typeOther, c.treatment, c.adjudicationNote].forEach((v) => v && forbidden.add(v));
    const cells = new Set(rows.flatMap((r) => Object.values(r)));
    for (const value of forbidden) expect(cells.has(value), `a de-identified cell equals ${value}`).toBe(false);
    // No date more precise than the year anywhere in the file, and no stored MRN even inside a cell.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const p of storedPatients) expect(text.includes(p.mrn)).toBe(false);
    // Contact details are identifiers: no column for them, and no address or number anywhere in the text.
    for (const column of ["patient_email", "patient_mobile", "preferred_channel", "language"]) expect(header).not.toContain(column);
    expect(text).not.toContain("@example.org");
    expect(text).not.toContain("7700 900123");

    expect(
      rows.every((r) => /^PR-[0-9a-f]{16}$/.test(r.procedure_ref!) && /^PT-[0-9a-f]{16}$/.test(r.patient_ref!) && /^PH-[0-9a-f]{16}$/.test(r.physician_ref!)),
    ).toBe(true);
    expect(new Set(rows.map((r) => r.procedure_ref)).size).toBe(rows.length);
    // Ages over 89 as one category; the patient born in 1930 is 96 at the procedure.
    const ages = rows.map((r) => r.age_at_procedure!);
    expect(ages.every((a) => a === "90+" || Number(a) <= 89)).toBe(true);
    const refs = pseudonymizer(getAuthSecret());
    expect(rows.find((r) => r.procedure_ref === refs("procedure", injected.procedureId))!.age_at_procedure).toBe("90+");
  });

  it("keeps the references stable between exports, and the same in both files", async () => {
    const a = await readCsvResponse(await exportAs(qo, "procedures"));
    const b = await readCsvResponse(await exportAs(qo, "procedures"));
    expect(a.rows.map((r) => r.procedure_ref)).toEqual(b.rows.map((r) => r.procedure_ref));
    const c = await readCsvResponse(await exportAs(qo, "complications"));
    expect(c.header).toEqual(columnsFor(COMPLICATION_COLUMNS, false).map((x) => x.name));
    expect(c.rows).toHaveLength((await db.select().from(complications)).length);
    const procedureRefs = new Set(a.rows.map((r) => r.procedure_ref));
    expect(c.rows.every((r) => procedureRefs.has(r.procedure_ref!) && /^CX-[0-9a-f]{16}$/.test(r.complication_ref!))).toBe(true);
  });
});

describe("who gets which rows", () => {
  it("a physician's export contains only their own procedures and complications", async () => {
    const refs = pseudonymizer(getAuthSecret());
    const own = (await db.select({ id: procedures.id }).from(procedures).where(eq(procedures.physicianId, doc.id))).map((p) => refs("procedure", p.id));
    const { rows } = await readCsvResponse(await exportAs(doc, "procedures"));
    expect(rows.map((r) => r.procedure_ref).sort()).toEqual(own.sort());
    expect(new Set(rows.map((r) => r.physician_ref))).toEqual(new Set([refs("physician", doc.id)]));
    const complicationsFile = await readCsvResponse(await exportAs(doc, "complications"));
    expect(complicationsFile.rows.every((r) => r.physician_ref === refs("physician", doc.id))).toBe(true);
    // Asking for another physician's view is answered as if there were no such physician.
    expect((await exportAs(doc, "procedures", { physician: String(otherDoc.id) })).status).toBe(404);
  });

  it("identified exports: refused to physicians and without a reason; allowed to QO and admin, audited", async () => {
    expect((await exportAs(doc, "procedures", { identified: "1", reason: "research" })).status).toBe(403);
    expect((await exportAs(doc, "complications", { identified: "1", reason: "research" })).status).toBe(403);
    const noReason = await exportAs(qo, "procedures", { identified: "1" });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).fieldErrors.reason[0]).toMatch(/reason/);
    expect((await exportAs(qo, "procedures", { identified: "1", reason: "   " })).status).toBe(400);
    expect((await exportAs(null, "procedures")).status).toBe(401);
    expect((await exportAs(qo, "procedures", { identified: "yes", reason: "x" })).status).toBe(400);

    const response = await exportAs(admin, "procedures", { identified: "1", reason: "Registry submission 2026", physician: String(doc.id) });
    expect(response.status).toBe(200);
    const { header, rows } = await readCsvResponse(response);
    expect(header).toEqual(columnsFor(PROCEDURE_COLUMNS, true).map((c) => c.name));
    expect(rows.every((r) => r.physician_ref === doc.email)).toBe(true);
    // The identified file carries the contact details, so it can be re-imported with them.
    const injectedRow = rows.find((r) => r.patient_mrn === "'+MRN-INJ" || r.patient_mrn === "+MRN-INJ")!;
    expect(injectedRow).toMatchObject({
      patient_email: "old.patient@example.org",
      patient_mobile: "'+44 7700 900123",
      preferred_channel: "email",
      language: "en",
    });
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "export.procedures", userId: admin.id, entity: "export" });
    expect(JSON.parse(audit.after!)).toMatchObject({
      identified: true,
      reason: "Registry submission 2026",
      rows: rows.length,
      completed: true,
      filters: `physician=${doc.id}`,
    });
  });

  it("an identified export asked for by GET, as a link on any web page can, is refused for every role and audits nothing", async () => {
    const before = await lastAudit();
    for (const who of [qo, admin, doc]) {
      const response = await exportCsvResponse(who, "procedures", new URLSearchParams({ identified: "1", reason: "written by another site" }), TODAY, "GET");
      expect(response.status).toBe(405);
      expect(response.headers.get("Allow")).toBe("POST");
      expect((await response.json()).error).toMatch(/export form/);
    }
    expect(await lastAudit()).toEqual(before);
  });

  it("reads the identified export form's POST body as the export's parameters", async () => {
    const form = new URLSearchParams({ physician: String(doc.id), identified: "1", reason: "Registry submission" });
    const request = new Request("http://localhost/api/export/procedures.csv", { method: "POST", body: form });
    const params = await exportFormParams(request);
    expect(params instanceof URLSearchParams && Object.fromEntries(params)).toEqual(Object.fromEntries(form));
    const response = await exportCsvResponse(qo, "procedures", params as URLSearchParams, TODAY, "POST");
    expect(response.status).toBe(200);
    expect(response.headers.get("X-Mild-Export")).toBe("identified");
    await response.text();
    const notAForm = await exportFormParams(
      new Request("http://localhost/api/export/procedures.csv", { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } }),
    );
    expect(notAForm instanceof Response && notAForm.status).toBe(415);
  });

  it("every export is audited when the stream ends: who, filters, identified or not, row count", async () => {
    const { rows } = await readCsvResponse(await exportAs(doc, "complications", { minGrade: "2" }));
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "export.complications", userId: doc.id });
    expect(JSON.parse(audit.after!)).toMatchObject({ identified: false, reason: null, rows: rows.length, completed: true, filters: "minGrade=2" });
  });

  it("an abandoned download is audited too, with the rows written to the connection before it closed", async () => {
    const session = await openProcedureExport(qo, { filters: filtersOf(""), identified: false }, TODAY, 10);
    const layout = procedureLayout({ identified: false, refs: pseudonymizer(getAuthSecret()) });
    const stream = csvStream({ header: layout.header, batches: session.batches(), toRecord: layout.toRecord, onEnd: session.finish });
    // Piped as Next pipes a response; the client takes the header and the first batch, then goes away.
    const disconnect = new AbortController();
    let rowsWritten = 0;
    let writes = 0;
    const connection = new WritableStream<Uint8Array>({
      write(chunk) {
        if (disconnect.signal.aborted) return;
        rowsWritten += new TextDecoder().decode(chunk).split("\r\n").filter(Boolean).length;
        if (++writes === 2) return new Promise<void>((resolve) => disconnect.signal.addEventListener("abort", () => resolve()));
      },
    });
    const piped = stream.pipeTo(connection, { signal: disconnect.signal }).catch(() => undefined);
    while (writes < 2) await new Promise(setImmediate);
    disconnect.abort();
    await piped;
    const after = JSON.parse((await lastAudit()).after!);
    expect(after).toMatchObject({ completed: false, rows: rowsWritten - 1 });
    expect(after.rows).toBe(10);
  });
});

describe("formula injection", () => {
  it("neutralises text cells that start with = + - @ tab or CR, and leaves numbers alone", async () => {
    for (const [input, output] of [
      ["=1+1", "'=1+1"],
      ["+1", "'+1"],
      ["-1", "'-1"],
      ["@SUM(A1)", "'@SUM(A1)"],
      ["\tx", "'\tx"],
      ["\rx", "'\rx"],
      ["\uFF1D1+1", "'\uFF1D1+1"],
      ["a=1", "a=1"],
      ["", ""],
    ]) {
      expect(neutraliseFormula(input!)).toBe(output);
      expect(restoreNeutralised(neutraliseFormula(input!))).toBe(input);
    }
    const { rows } = await readCsvResponse(await exportAs(qo, "procedures", { identified: "1", reason: "formula test" }));
    const row = rows.find((r) => r.procedure_ref === `mild-procedure-${injected.procedureId}`)!;
    expect(row.patient_name).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(row.patient_mrn).toBe("'+MRN-INJ");
    expect(row.device_lot).toBe("'@LOT-1");
    expect(row.notes).toBe("'-2+3 then\ttab");
    // Numeric columns keep their sign: the baseline was 7 days before the procedure.
    expect(row.day_baseline).toBe("-7");
    expect(row.back_nrs_2w).toBe("3");
    // No text cell anywhere starts with a formula character.
    for (const r of rows) for (const [column, value] of Object.entries(r)) if (!column.startsWith("day_")) expect(value, column).not.toMatch(/^[=+@\t\r]/);
  });
});

describe("line breaks in text", () => {
  it("keeps a note written on several lines in its one cell, its row whole (a bare LF or CR is quoted too, not only CRLF)", async () => {
    const [{ siteId }] = await db.select().from(patients).orderBy(patients.id).limit(1);
    const patient = await insertPatient(db, siteId, { name: "Multi Line", mrn: "MRN-LINES", dateOfBirth: "1950-05-05", primaryPhysicianId: doc.id });
    const note = 'first line\nsecond line\rthird, with a comma\r\nfourth "quoted"';
    const procedure = await insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId, procedureDate: "2026-04-01", notes: note });
    const { header, rows } = await readCsvResponse(await exportAs(qo, "procedures", { identified: "1", reason: "line break test" }));
    const row = rows.find((r) => r.procedure_ref === `mild-procedure-${procedure.id}`)!;
    expect(row.notes).toBe(note);
    expect(row.site).not.toBe("");
    expect(Object.keys(row)).toEqual(header);
    await db.delete(procedures).where(eq(procedures.id, procedure.id));
    await db.delete(patients).where(eq(patients.id, patient.id));
  });
});

describe("streaming in batches", () => {
  it("gives the same file whatever the batch size", async () => {
    const filters = filtersOf("flag=exclude");
    const read = async (batchSize: number) => {
      const session = await openProcedureExport(qo, { filters, identified: false }, TODAY, batchSize);
      const layout = procedureLayout({ identified: false, refs: pseudonymizer(getAuthSecret()) });
      return new Response(csvStream({ header: layout.header, batches: session.batches(), toRecord: layout.toRecord, onEnd: () => {} })).text();
    };
    const small = await read(7);
    expect(small).toBe(await read(2000));
    expect(small.split("\r\n").length).toBeGreaterThan(300);
  });
});

describe("reconciles with the summary API", () => {
  for (const query of [
    "",
    "minGrade=2&adjudicated=confirmed&windowDays=30&reliefCriterion=odi-10pt&flag=exclude",
    "related=device,procedure&windowDays=any&reliefCriterion=nprs-30pct&diagnosis=stenosis",
    "severity=any&minGrade=2",
  ]) {
    it(`counts and median recomputed from the CSV equal the API's (${query || "defaults"})`, async () => {
      const params = new URLSearchParams(query);
      const response = await exportCsvResponse(qo, "procedures", params, TODAY, "GET");
      const api = await outcomeSummaryFor(qo, params, TODAY);
      if (api.status !== 200) throw new Error("summary failed");
      const { rows } = await readCsvResponse(response);
      expect(rows.length).toBe(api.body.procedures);
      expect(rows.filter((r) => r.complication_in_definition === "1").length).toBe(api.body.complications.events);
      const relief = rows.filter((r) => r.relief_event !== "");
      expect(relief.length).toBe(api.body.relief.n);
      expect(relief.filter((r) => r.relief_event === "1").length).toBe(api.body.relief.events);
      const km = kaplanMeier({ times: relief.map((r) => Number(r.relief_day)), events: relief.map((r) => Number(r.relief_event) as 0 | 1) });
      expect(km.median).toBe(api.body.relief.median);
      expect(rows.filter((r) => r.relief_excluded === "no-baseline").length).toBe(api.body.relief.excluded.noBaseline);

      // The file says which definition and criterion it used, completely.
      const d = api.body.definition;
      const header = response.headers.get("X-Mild-Definition")!;
      expect(header).toBe(
        `severity=${d.severity};minGrade=${d.minGrade};related=${d.related.join(",")};windowDays=${d.windowDays ?? "any"};adjudicated=${d.adjudicated};reliefCriterion=${d.reliefCriterion}`,
      );
      const disposition = response.headers.get("Content-Disposition")!;
      expect(disposition).toContain(`def-${d.severity}-g${d.minGrade}-${d.related.join("+")}`);
      expect(disposition).toContain(`relief-${d.reliefCriterion}.csv`);
    });
  }

  it("refuses a malformed filter with 400 naming it, like the API", async () => {
    const response = await exportAs(qo, "procedures", { from: "2026-13-01" });
    expect(response.status).toBe(400);
    expect(Object.keys((await response.json()).fieldErrors)).toEqual(["from"]);
  });
});

describe("the Excel variant and the export form's refusals", () => {
  it("format=excel starts the file with the UTF-8 byte-order mark and names it _excel; the default file has no mark", async () => {
    const plain = await exportAs(qo, "procedures");
    const plainBytes = new Uint8Array(await plain.arrayBuffer());
    expect([...plainBytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(plain.headers.get("Content-Disposition")).not.toContain("_excel");

    const excel = await exportAs(qo, "procedures", { format: "excel" });
    expect(excel.status).toBe(200);
    const excelBytes = new Uint8Array(await excel.arrayBuffer());
    expect([...excelBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(excel.headers.get("Content-Disposition")).toMatch(/_excel\.csv"$/);
    // Apart from the mark, the same file.
    expect(new TextDecoder().decode(excelBytes.slice(3))).toBe(new TextDecoder().decode(plainBytes));
  });

  it("refuses an unknown format with 400 naming the parameter", async () => {
    const response = await exportAs(qo, "complications", { format: "xlsx" });
    expect(response.status).toBe(400);
    expect((await response.json()).fieldErrors.format[0]).toMatch(/csv .* or excel/);
  });

  it("a reason made of spaces from the browser's export form is refused as a page in words, not JSON, and audits nothing", async () => {
    const before = await lastAudit();
    const params = new URLSearchParams({ identified: "1", reason: "   " });
    const response = await exportCsvResponse(qo, "procedures", params, TODAY, "POST", true);
    expect(response.status).toBe(400);
    expect(response.headers.get("Content-Type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain("Give the reason for an identified export");
    expect(page).toContain("Go back to the form");
    expect((await lastAudit()).id).toBe(before.id);
    // A caller asking for JSON (the API) still gets JSON.
    const api = await exportCsvResponse(qo, "procedures", params, TODAY, "POST");
    expect(api.headers.get("Content-Type")).toMatch(/json/);
  });
});
