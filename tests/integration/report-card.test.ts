/**
 * The physician report card (GET /api/reports/physician.pdf) and the zip of all of them (GET
 * /api/reports/physicians.zip), through their cores with a principal: the PDF's extracted text holds the physician,
 * the period and the headline figures, and those figures are the summary API's for the same physician, period and
 * filters (reconciliation); no patient identifier is in it; grants and denials as the summary API's; each download
 * audited, with the audit checkpoint moved on to its entry; the zip one PDF per physician, audited once with the count.
 */
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import yauzl from "yauzl";
import { auditLog, patients, procedures, users } from "@/db/schema";
import { auditKeyFile } from "@/lib/audit/auditKey";
import { readCheckpoints } from "@/lib/audit/checkpoints";
import { outcomeSummaryFor, type OutcomeSummaryJson } from "@/lib/dal/outcomes/api";
import type { Principal } from "@/lib/dal/principal";
import { formatCount, formatRateWithCi } from "@/lib/format/numbers";
import { physicianReportResponse, physiciansZipResponse } from "@/lib/http/reportResponse";
import { verdictText } from "@/lib/outcomes/verdict";
import { pdfText } from "@/lib/reports/physicianPdfLayout";
import { demoPrincipals, seedDemoInto } from "../fixtures/csv/csvHelpers";
import { insertUser, principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const t = await tempDatabaseForFile("report-card");
const db = t.db;

const TODAY = "2026-11-01";
const PERIOD = { from: "2025-11-02", to: "2026-11-01" };
let qo: Principal;
let admin: Principal;
let doc: Principal;
let otherDoc: Principal;
let coordinator: Principal;

const lastAudit = async () => (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;

beforeAll(async () => {
  await seedDemoInto(t, { procedures: 600, seed: 23, end: TODAY, physicians: 4 });
  ({ qo, admin, doc, otherDoc } = await demoPrincipals(db));
  coordinator = principalOf(await insertUser(db, "coordinator"));
});

/** The PDF's text, whitespace made single spaces so a figure wrapped over two lines still reads as one string. */
async function pdfTextOf(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: bytes });
  try {
    const result = await parser.getText();
    return { text: result.text.replace(/\s+/g, " "), pages: result.total };
  } finally {
    await parser.destroy();
  }
}

const query = (q: Record<string, string | number>) => new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
const pdfFor = (p: Principal | null, q: Record<string, string | number>) => physicianReportResponse(p, query(q), TODAY);

async function summaryFor(p: Principal, q: Record<string, string | number>): Promise<OutcomeSummaryJson> {
  const r = await outcomeSummaryFor(p, query(q), TODAY);
  expect(r.status).toBe(200);
  return r.body as OutcomeSummaryJson;
}

/** The headline figures as the report words them, built from the summary API's JSON alone. */
function headlineFromApi(s: OutcomeSummaryJson): string[] {
  const c = s.complications;
  const m12 = s.followUp.find((f) => f.timepoint === "month_12")!;
  const figures = [
    `${formatCount(s.procedures)} procedures, ${formatCount(s.patients)} patients`,
    formatRateWithCi(c.events, c.procedures, { estimate: c.rate!, lower: c.ciLower!, upper: c.ciUpper! }),
    formatRateWithCi(c.allGrade.events, c.allGrade.procedures, { estimate: c.allGrade.rate!, lower: c.allGrade.ciLower!, upper: c.allGrade.ciUpper! }),
    verdictText(c),
    `n = ${formatCount(s.relief.n)}, ${formatCount(s.relief.events)} relieved`,
  ];
  if (m12.rate !== null) figures.push(`${formatCount(m12.done)} / ${formatCount(m12.eligible)} (`);
  if (s.relief.median !== null) figures.push(`median ${formatCount(s.relief.median)} days`);
  const row = s.adjusted.complication.rows[0];
  if (s.adjusted.complication.model.status === "fitted" && row)
    figures.push(`O/E ${row.ratio.toFixed(2)} (95 % CI ${row.lower.toFixed(2)}–${row.upper.toFixed(2)}`, `expected ${row.expected.toFixed(1)}`);
  else figures.push("too few events to adjust");
  return figures.map(pdfText);
}

describe("GET /api/reports/physician.pdf (core)", () => {
  it("is a PDF whose text holds the physician, the period and the summary API's headline figures, summary page then appendix", async () => {
    const q = { physician: doc.id, ...PERIOD };
    const response = await pdfFor(doc, q);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="report-card_.*-\d+_2025-11-02_2026-11-01\.pdf"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { text, pages } = await pdfTextOf(bytes);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Physician report card: ${doc.name}`);
    expect(text).toContain("Period: 2 Nov 2025 to 1 Nov 2026 (procedure dates 2025-11-02 to 2026-11-01)");
    const api = await summaryFor(doc, q);
    expect(api.procedures).toBeGreaterThan(20);
    for (const figure of headlineFromApi(api)) expect(text).toContain(figure);
    expect(text).toContain(pdfText(`Complication definition: ${api.definition.complicationDefinition}.`));
    for (const part of ["Appendix", "Score changes from baseline", "Complication reports and their adjudication", "Risk models"]) expect(text).toContain(part);
  });

  it("reconciles under other filters too: the definition and the relief criterion change the PDF as they change the API", async () => {
    const q = { physician: doc.id, ...PERIOD, severity: "any", minGrade: 2, reliefCriterion: "nprs-2pt" };
    const [response, api] = [await pdfFor(qo, q), await summaryFor(qo, q)];
    expect(response.status).toBe(200);
    const { text } = await pdfTextOf(new Uint8Array(await response.arrayBuffer()));
    for (const figure of headlineFromApi(api)) expect(text).toContain(figure);
  });

  it("says so in words for a period without procedures, with no figure made up", async () => {
    const q = { physician: doc.id, from: "2001-01-01", to: "2001-12-31" };
    const response = await pdfFor(doc, q);
    expect(response.status).toBe(200);
    const { text } = await pdfTextOf(new Uint8Array(await response.arrayBuffer()));
    expect((await summaryFor(doc, q)).procedures).toBe(0);
    expect(text).toContain("0 procedures, 0 patients");
    expect(text).toContain("0 / 0 (no procedures)");
    expect(text).toContain("too few to estimate (n = 0)");
    expect(text).toContain("no patient with baseline and 12-month scores");
    expect(text).toContain("This physician: too few to draw");
  });

  it("is de-identified: no patient's name or record number, and procedures by the export's keyed reference", async () => {
    const response = await pdfFor(admin, { physician: doc.id, ...PERIOD, severity: "any" });
    const { text } = await pdfTextOf(new Uint8Array(await response.arrayBuffer()));
    const theirs = await db
      .select({ name: patients.name, mrn: patients.mrn, dob: patients.dateOfBirth })
      .from(patients)
      .innerJoin(procedures, eq(procedures.patientId, patients.id))
      .where(eq(procedures.physicianId, doc.id));
    expect(theirs.length).toBeGreaterThan(0);
    for (const p of theirs) {
      expect(text).not.toContain(p.name);
      if (p.mrn) expect(text).not.toContain(p.mrn);
      expect(text).not.toContain(p.dob);
    }
    expect(text).toMatch(/PR-[0-9a-f]{16}/);
  });

  it("grants a physician their own, quality officers and admins anyone; denies another physician's, a coordinator and an unknown id with the summary API's 404", async () => {
    for (const p of [doc, qo, admin]) expect((await pdfFor(p, { physician: doc.id, ...PERIOD })).status).toBe(200);
    const before = (await lastAudit()).id;
    for (const [p, physician] of [
      [otherDoc, doc.id],
      [doc, otherDoc.id],
      [coordinator, doc.id],
      [qo, 999999],
    ] as const) {
      const pdf = await pdfFor(p, { physician, ...PERIOD });
      const api = await outcomeSummaryFor(p, query({ physician, ...PERIOD }), TODAY);
      expect(api.status).toBe(404);
      expect(pdf.status).toBe(404);
      expect(await pdf.json()).toEqual(api.body);
    }
    expect((await pdfFor(null, { physician: doc.id, ...PERIOD })).status).toBe(401);
    // Nothing was given out, so nothing was audited.
    expect((await lastAudit()).id).toBe(before);
  });

  it("refuses a missing period or physician and a malformed filter with 400 naming the parameter", async () => {
    const missing = await pdfFor(qo, { physician: doc.id });
    expect(missing.status).toBe(400);
    expect((await missing.json()).fieldErrors).toEqual({ from: [expect.stringContaining("required")], to: [expect.stringContaining("required")] });
    expect((await (await pdfFor(qo, PERIOD)).json()).fieldErrors).toEqual({ physician: [expect.stringContaining("required")] });
    expect((await (await pdfFor(qo, { physician: doc.id, ...PERIOD, minGrade: 9 })).json()).fieldErrors).toHaveProperty("minGrade");
    expect((await (await pdfFor(qo, { physician: doc.id, from: "2026-02-30", to: PERIOD.to })).json()).fieldErrors).toHaveProperty("from");
  });

  it("is audited like an export (who, which physician, the parameters) and the checkpoint names that entry", async () => {
    const response = await pdfFor(qo, { physician: otherDoc.id, ...PERIOD, minGrade: 2 });
    expect(response.status).toBe(200);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "export.report_card", entity: "export", entityId: String(otherDoc.id), userId: qo.id });
    expect(JSON.parse(audit.after!)).toMatchObject({
      file: "physician.pdf",
      physician: otherDoc.id,
      filters: `physician=${otherDoc.id}&from=${PERIOD.from}&to=${PERIOD.to}&minGrade=2`,
      definition: expect.stringContaining("minGrade=2"),
    });
    const { checkpoints, unsigned } = readCheckpoints(Buffer.from(fs.readFileSync(auditKeyFile(), "utf8").trim(), "hex"));
    expect(unsigned).toEqual([]);
    expect(checkpoints.at(-1)).toMatchObject({ lastId: audit.id, hash: audit.hash });
  });
});

/** The zip's entries: name and bytes. */
async function unzip(bytes: Buffer): Promise<{ name: string; bytes: Buffer }[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const out: { name: string; bytes: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (e, stream) => {
        if (e) return reject(e);
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          out.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
          zip.readEntry();
        });
      });
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  return out;
}

describe("GET /api/reports/physicians.zip (core)", () => {
  it("holds one PDF per physician with procedures in the period, each with that physician's name and figures; audited once with the count", async () => {
    const response = await physiciansZipResponse(qo, query(PERIOD), TODAY);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    const entries = await unzip(Buffer.from(await response.arrayBuffer()));
    const physicians = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, "physician"));
    const withProcedures = [];
    for (const p of physicians) if ((await summaryFor(qo, { physician: p.id, ...PERIOD })).procedures > 0) withProcedures.push(p);
    expect(withProcedures.length).toBeGreaterThanOrEqual(4);
    const idOf = (name: string) => Number(/-(\d+)_2025-11-02_2026-11-01\.pdf$/.exec(name)?.[1]);
    expect(entries.map((e) => idOf(e.name)).sort((a, b) => a - b)).toEqual(withProcedures.map((p) => p.id).sort((a, b) => a - b));
    for (const p of withProcedures) {
      const entry = entries.find((e) => e.name.endsWith(`-${p.id}_2025-11-02_2026-11-01.pdf`))!;
      const { text } = await pdfTextOf(new Uint8Array(entry.bytes));
      expect(text).toContain(`Physician report card: ${p.name}`);
      for (const figure of headlineFromApi(await summaryFor(qo, { physician: p.id, ...PERIOD }))) expect(text).toContain(figure);
    }
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "export.report_cards", entity: "export", userId: qo.id });
    expect(JSON.parse(audit.after!)).toMatchObject({ file: "physicians.zip", physicians: withProcedures.length, completed: true });
  });

  it("is for quality officers and admins only: physicians and coordinators get 404, nobody signed in 401, a bad filter 400", async () => {
    expect((await physiciansZipResponse(admin, query(PERIOD), TODAY)).status).toBe(200);
    for (const p of [doc, coordinator]) expect((await physiciansZipResponse(p, query(PERIOD), TODAY)).status).toBe(404);
    expect((await physiciansZipResponse(null, query(PERIOD), TODAY)).status).toBe(401);
    expect((await (await physiciansZipResponse(qo, query({ from: PERIOD.from }), TODAY)).json()).fieldErrors).toHaveProperty("to");
  });
});
