import { beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { assessments, procedures, sites } from "@/db/schema";
import { dryRunImport, commitImport } from "@/lib/dal/csv/importRecords";
import { outcomeSummaryFor, type OutcomeSummaryJson } from "@/lib/dal/outcomes/api";
import type { Principal } from "@/lib/dal/principal";
import { createAssessment } from "@/lib/dal/records/assessments";
import { reportComplication } from "@/lib/dal/records/complications";
import { listOutOfWindowAssessments } from "@/lib/dal/records/dataQuality";
import { createPatient } from "@/lib/dal/records/patients";
import { createProcedure } from "@/lib/dal/records/procedures";
import { insertUser, principalOf } from "../support/fixtures";
import { proceduresUpload } from "../support/importRows";
import { tempDatabaseForFile } from "../support/tempDb";
import { fieldErrorsOf as refusal } from "../support/refusals";

// A fixed "today" for every site: the rules are checked against it, not against the machine's clock.
const TODAY = "2028-06-01";
const PROCEDURE_DATE = "2026-12-05";
// 12 months is day 300 to day 455 after the procedure.
const TWELVE_MONTH_WINDOW = "12 months is 1 Oct 2027 – 4 Mar 2028 for this procedure";

/** An imported procedure by the clinic's physician (dq-doc) on PROCEDURE_DATE: the patient's columns, then its scores. */
const importedProcedure = (patient: Record<string, string>, scores: Record<string, string>) => ({
  ...patient,
  physician_ref: "dq-doc@test.example",
  procedure_date: PROCEDURE_DATE,
  site: "DQ",
  sex: "male",
  diagnosis: "stenosis",
  levels: "L4-L5",
  side: "bilateral",
  anaesthesia: "local",
  ...scores,
});

const t = await tempDatabaseForFile("data-integrity");

let doc: Principal;
let otherDoc: Principal;
let officer: Principal;
let admin: Principal;
let siteId = 0;
let patientId = 0;
let procedureId = 0;

beforeAll(async () => {
  [{ id: siteId }] = await t.db.insert(sites).values({ code: "DQ", name: "Data quality clinic", timeZone: "Europe/Berlin" }).returning();
  doc = principalOf(await insertUser(t.db, "physician", { email: "dq-doc@test.example", siteId }));
  otherDoc = principalOf(await insertUser(t.db, "physician", { siteId }));
  officer = principalOf(await insertUser(t.db, "quality_officer"));
  admin = principalOf(await insertUser(t.db, "admin"));
  patientId = (await createPatient(doc, { siteId, mrn: "DQ-1", name: "Ida Window", dateOfBirth: "1950-03-12", sex: "female", diagnosis: "stenosis" }, TODAY))
    .id;
  procedureId = (await createProcedure(doc, procedure(), TODAY)).id;
});

function procedure(over: Record<string, unknown> = {}) {
  return { patientId, siteId, procedureDate: PROCEDURE_DATE, levels: "L4-L5", side: "bilateral", anaesthesia: "local", ...over };
}

const twelveMonths = (over: Record<string, unknown> = {}) => ({ procedureId, timepoint: "month_12", assessedOn: "2026-12-20", nprsBack: 3, ...over });

const assessmentCount = async () => (await t.db.select({ n: count() }).from(assessments))[0].n;

async function summary(principal: Principal, query: string): Promise<OutcomeSummaryJson> {
  const r = await outcomeSummaryFor(principal, new URLSearchParams(query), TODAY);
  expect(r.status).toBe(200);
  return r.body as OutcomeSummaryJson;
}

describe("an assessment outside its timepoint's window", () => {
  it("is refused with the window in words on the procedure's own dates, and nothing is written", async () => {
    const before = await assessmentCount();
    const errors = await refusal(createAssessment(doc, twelveMonths(), TODAY));
    expect(Object.keys(errors)).toEqual(["assessedOn"]);
    expect(errors.assessedOn![0]).toMatch(new RegExp(`^${TWELVE_MONTH_WINDOW}`));
    expect(await assessmentCount()).toBe(before);
  });

  it("asks for the reason when 'outside the window, keep it' is ticked without one", async () => {
    expect(await refusal(createAssessment(doc, twelveMonths({ outOfWindow: "on", outOfWindowReason: "  " }), TODAY))).toEqual({
      outOfWindowReason: ["Give the reason for keeping this assessment outside its window"],
    });
  });

  it("is kept, marked, with its reason, when ticked with a reason", async () => {
    const saved = await createAssessment(
      doc,
      twelveMonths({ outOfWindow: "on", outOfWindowReason: "Entered under the wrong visit by the patient portal" }),
      TODAY,
    );
    expect(saved).toMatchObject({ outOfWindow: true, outOfWindowReason: "Entered under the wrong visit by the patient portal", assessedOn: "2026-12-20" });
  });

  it("stores no mark for a date inside the window, whatever was ticked", async () => {
    const saved = await createAssessment(
      doc,
      { procedureId, timepoint: "month_6", assessedOn: "2027-06-05", nprsBack: 4, outOfWindow: "on", outOfWindowReason: "not needed" },
      TODAY,
    );
    expect(saved).toMatchObject({ outOfWindow: false, outOfWindowReason: null });
  });

  it("is listed on the data-quality page: the physician's own, and every one for quality officers and admins", async () => {
    const mine = await listOutOfWindowAssessments(doc);
    expect(mine.total).toBe(1);
    expect(mine.rows[0]).toMatchObject({
      procedureId,
      timepoint: "month_12",
      assessedOn: "2026-12-20",
      window: { from: "2027-10-01", to: "2028-03-04" },
      reason: "Entered under the wrong visit by the patient portal",
      enteredBy: doc.name,
    });
    expect((await listOutOfWindowAssessments(otherDoc)).total).toBe(0);
    expect((await listOutOfWindowAssessments(officer)).total).toBe(1);
    expect((await listOutOfWindowAssessments(admin)).total).toBe(1);
  });

  it("is left out of the analysis by default, counted, and included on request (outOfWindow=include)", async () => {
    const excluded = await summary(doc, "");
    expect(excluded.outOfWindowAssessments).toEqual({ count: 1, included: false });
    expect(excluded.followUp.find((f) => f.timepoint === "month_12")).toMatchObject({ eligible: 1, done: 0 });
    const included = await summary(doc, "outOfWindow=include");
    expect(included.outOfWindowAssessments).toEqual({ count: 1, included: true });
    expect(included.followUp.find((f) => f.timepoint === "month_12")).toMatchObject({ eligible: 1, done: 1 });
    const bad = await outcomeSummaryFor(doc, new URLSearchParams("outOfWindow=maybe"), TODAY);
    expect(bad).toMatchObject({ status: 400, body: { fieldErrors: { outOfWindow: ["must be exclude or include"] } } });
  });

  it("is refused by the import with the same words, and kept when its reason column is filled", async () => {
    const patient = {
      procedure_ref: "dq-import-1",
      patient_ref: "dq-import-patient-1",
      patient_mrn: "DQ-IMP-1",
      patient_name: "Imported Window",
      date_of_birth: "1951-01-01",
    };
    const row = (over: Record<string, string>) => importedProcedure(patient, { assessed_on_12m: "2026-12-20", back_nrs_12m: "3", ...over });
    const refused = await dryRunImport(admin, proceduresUpload([row({})]), TODAY);
    expect(refused.problems.map((p) => [p.column, p.message.slice(0, TWELVE_MONTH_WINDOW.length)])).toEqual([["assessed_on_12m", TWELVE_MONTH_WINDOW]]);
    const kept = await commitImport(admin, proceduresUpload([row({ out_of_window_reason_12m: "Paper form dated at the wrong visit" })]), TODAY);
    expect(kept.problems).toEqual([]);
    const [stored] = await t.db
      .select({ outOfWindow: assessments.outOfWindow, reason: assessments.outOfWindowReason })
      .from(assessments)
      .innerJoin(procedures, eq(procedures.id, assessments.procedureId))
      .where(eq(procedures.externalId, "dq-import-1"));
    expect(stored).toEqual({ outOfWindow: true, reason: "Paper form dated at the wrong visit" });
  });
});

describe("the procedure form follows the import's rules", () => {
  it("refuses a procedure date in the future (the site's today) and one before the patient's birth, both at once when both hold", async () => {
    expect(await refusal(createProcedure(doc, procedure({ procedureDate: "2028-06-02" }), TODAY))).toEqual({
      procedureDate: ["Enter a procedure date no later than today (1 Jun 2028)"],
    });
    expect(await refusal(createProcedure(doc, procedure({ procedureDate: "1940-05-01" }), TODAY))).toEqual({
      procedureDate: ["Enter a procedure date after the patient's date of birth (12 Mar 1950)"],
    });
  });
});

describe("every save reports every problem at once", () => {
  it("gives an assessment with three independent problems three messages in one answer, in the form and in the import", async () => {
    // A score out of range (the field), a date in the future and a relief onset before the procedure (dates against the procedure).
    const errors = await refusal(
      createAssessment(doc, { procedureId, timepoint: "unscheduled", assessedOn: "2028-07-01", nprsBack: 11, reliefOnsetDate: "2026-11-01" }, TODAY),
    );
    expect(errors).toEqual({
      nprsBack: ["NPRS back pain must be a whole number from 0 to 10"],
      assessedOn: ["Enter a date no later than today (1 Jun 2028)"],
      reliefOnsetDate: ["Enter a relief onset on or after the procedure date (5 Dec 2026)"],
    });
    const report = await dryRunImport(
      admin,
      proceduresUpload([
        importedProcedure(
          { procedure_ref: "dq-three", patient_ref: "dq-three-patient", patient_mrn: "DQ-3", patient_name: "Three Problems", date_of_birth: "1950-01-01" },
          { assessed_on_6w: "2028-07-01", back_nrs_6w: "11", relief_onset_6w: "2026-11-01" },
        ),
      ]),
      TODAY,
    );
    expect(report.problems.map((p) => [p.column, p.message])).toEqual([
      ["back_nrs_6w", "NPRS back pain must be a whole number from 0 to 10"],
      ["assessed_on_6w", "Enter a date no later than today (1 Jun 2028)"],
      ["relief_onset_6w", "Enter a relief onset on or after the procedure date (5 Dec 2026)"],
    ]);
  });

  it("gives a complication report its field errors and its date errors together", async () => {
    const errors = await refusal(
      reportComplication(
        doc,
        { procedureId, type: "death", onsetDate: "2028-06-02", grade: 3, relatedness: "procedure", outcome: "resolved", serious: "on" },
        TODAY,
      ),
    );
    expect(errors).toEqual({
      grade: ["A death is Clavien–Dindo grade V"],
      outcome: ["The outcome of a death is fatal"],
      onsetDate: ["Enter an onset no later than today (1 Jun 2028)"],
    });
  });

  it("gives a procedure its field errors and its date errors together", async () => {
    const errors = await refusal(createProcedure(doc, procedure({ procedureDate: "2028-06-02", side: "both", levels: "" }), TODAY));
    expect(Object.keys(errors).sort()).toEqual(["levels", "procedureDate", "side"]);
    expect(errors.procedureDate).toEqual(["Enter a procedure date no later than today (1 Jun 2028)"]);
  });
});
