/**
 * One set of record rules: random records, valid and invalid, through the form path (the DAL writes the
 * server actions call) and through the CSV import's dry run get the same verdict — accepted by both, or
 * refused by both naming the same fields.
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sites } from "@/db/schema";
import {
  assessedOnColumn,
  CSV_TIMEPOINTS,
  outOfWindowReasonColumn,
  PATIENT_FIELD_COLUMNS,
  PROCEDURE_FIELD_COLUMNS,
  reliefOnsetColumn,
  SCORE_COLUMNS,
  scoreColumn,
} from "@/lib/csv/columns";
import { dryRunImport } from "@/lib/dal/csv/importRecords";
import { ValidationError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { createAssessment } from "@/lib/dal/records/assessments";
import { createPatient } from "@/lib/dal/records/patients";
import { createProcedure } from "@/lib/dal/records/procedures";
import { addDaysIso } from "@/lib/outcomes/dates";
import { insertUser, principalOf } from "../support/fixtures";
import { proceduresUpload } from "../support/importRows";
import { tempDatabaseForFile } from "../support/tempDb";

const TODAY = "2027-03-15";
const DATE_OF_BIRTH = "1950-03-12";
const RUNS = 40;

const t = await tempDatabaseForFile("record-rules-agree");

let doc: Principal;
let admin: Principal;
let siteId = 0;
let patientId = 0;
let serial = 0;
const DOC_EMAIL = "agree-doc@test.example";

beforeAll(async () => {
  [{ id: siteId }] = await t.db.insert(sites).values({ code: "AGR", name: "Agreement clinic", timeZone: "America/Chicago" }).returning();
  doc = principalOf(await insertUser(t.db, "physician", { email: DOC_EMAIL, siteId }));
  admin = principalOf(await insertUser(t.db, "admin"));
  patientId = (
    await createPatient(doc, { siteId, mrn: "AGR-0", name: "Base Patient", dateOfBirth: DATE_OF_BIRTH, sex: "female", diagnosis: "stenosis" }, TODAY)
  ).id;
});

/** How many runs each verdict got: the generators must produce both, or the agreement proves nothing. */
const seen = { accepted: 0, refused: 0 };

/** The fields a form save refused (none: accepted). */
async function formVerdict(save: Promise<unknown>): Promise<string[]> {
  try {
    await save;
    seen.accepted++;
    return [];
  } catch (e) {
    if (e instanceof ValidationError) {
      seen.refused++;
      return Object.keys(e.fieldErrors).sort();
    }
    throw e;
  }
}

/** Runs a property and checks both verdicts occurred among its runs. */
async function agreeOn(property: fc.IAsyncPropertyWithHooks<unknown> | fc.IAsyncProperty<unknown>) {
  seen.accepted = 0;
  seen.refused = 0;
  // A fixed seed: every run of the suite tries the same records, so a failure reproduces.
  await fc.assert(property, { numRuns: RUNS, seed: 20261206 });
  expect(seen.accepted).toBeGreaterThan(0);
  expect(seen.refused).toBeGreaterThan(0);
}

/** The fields the import's dry run refused, read back from their columns (only the columns of `fieldOf`). */
async function importVerdict(row: Record<string, string>, fieldOf: Map<string, string>): Promise<string[]> {
  const report = await dryRunImport(admin, proceduresUpload([row]), TODAY);
  const other = report.problems.filter((p) => !fieldOf.has(p.column ?? ""));
  // The rest of the row is valid by construction: a problem elsewhere would be a broken test, not a verdict.
  expect(other).toEqual([]);
  return [...new Set(report.problems.map((p) => fieldOf.get(p.column!)!))].sort();
}

const invert = (map: Record<string, string>) => new Map(Object.entries(map).map(([field, column]) => [column, field]));

/** A date somewhere between long before the birth and after today, or text that is not a date. */
const dateCell = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -29_000, max: 40 }).map((d) => addDaysIso(TODAY, d)) },
  { weight: 1, arbitrary: fc.constantFrom("2026-02-30", "15/03/2026", "1899-12-31", "soon") },
);

function baseRow(): Record<string, string> {
  serial++;
  return {
    procedure_ref: `agree-${serial}`,
    patient_ref: `agree-patient-${serial}`,
    physician_ref: DOC_EMAIL,
    patient_mrn: `AGR-${serial}`,
    patient_name: `Agreement ${serial}`,
    date_of_birth: DATE_OF_BIRTH,
    procedure_date: "2026-01-10",
    site: "AGR",
    sex: "female",
    diagnosis: "stenosis",
    levels: "L4-L5",
    side: "bilateral",
    anaesthesia: "local",
  };
}

describe("the form and the import's dry run give the same verdict for the same values", () => {
  it("patients", async () => {
    const patientFields = invert(PATIENT_FIELD_COLUMNS);
    await agreeOn(
      fc.asyncProperty(
        fc.record({
          dateOfBirth: fc.oneof(dateCell, fc.constantFrom("2027-03-16", "")),
          // Mostly valid values, so that accepted records are common too.
          name: fc.constantFrom("Ann Smith", "Ann Smith", "Ann Smith", "", "A\u0001B"),
          sex: fc.constantFrom("female", "male", "male", "x"),
          diagnosis: fc.constantFrom("stenosis", "herniated_disc", "herniated_disc", "sciatica"),
        }),
        async (p) => {
          const row: Record<string, string> = {
            ...baseRow(),
            date_of_birth: p.dateOfBirth,
            patient_name: p.name,
            sex: p.sex,
            diagnosis: p.diagnosis,
            procedure_date: TODAY,
          };
          const form = await formVerdict(createPatient(doc, { siteId, mrn: row.patient_mrn, ...p }, TODAY));
          // A birth on or after the procedure is the procedure's problem (its date), not the patient's.
          const fieldOf = new Map([...patientFields, ["procedure_date", "procedureDate"]]);
          const fromImport = (await importVerdict(row, fieldOf)).filter((f) => f !== "procedureDate");
          expect(fromImport).toEqual(form);
        },
      ) as fc.IAsyncProperty<unknown>,
    );
  });

  it("procedures", async () => {
    await agreeOn(
      fc.asyncProperty(
        fc.record({
          procedureDate: dateCell,
          side: fc.constantFrom("bilateral", "left", "left", "both"),
          levels: fc.constantFrom("L4-L5", "L3-L4,L4-L5", "L4-L5", "L9-L10", ""),
          anaesthesia: fc.constantFrom("local", "general", "general", "spinal"),
          priorTreatmentType: fc.constantFrom("", "", "", "fusion", "mild"),
          priorTreatmentDate: fc.oneof(fc.constant(""), dateCell),
          priorTreatmentAcknowledged: fc.constantFrom("1", "0"),
        }),
        async (p) => {
          const row = {
            ...baseRow(),
            procedure_date: p.procedureDate,
            side: p.side,
            levels: p.levels,
            anaesthesia: p.anaesthesia,
            prior_treatment_type: p.priorTreatmentType,
            prior_treatment_date: p.priorTreatmentDate,
            prior_treatment_acknowledged: p.priorTreatmentAcknowledged,
          };
          const form = await formVerdict(createProcedure(doc, { patientId, siteId, ...p }, TODAY));
          expect(await importVerdict(row, invert(PROCEDURE_FIELD_COLUMNS))).toEqual(form);
        },
      ) as fc.IAsyncProperty<unknown>,
    );
  });

  it("assessments", async () => {
    const procedureDate = "2025-06-01";
    await agreeOn(
      fc.asyncProperty(
        fc.record({
          tp: fc.constantFrom(...CSV_TIMEPOINTS),
          assessedOn: fc.oneof(
            { weight: 4, arbitrary: fc.integer({ min: -120, max: 900 }).map((d) => addDaysIso(procedureDate, d)) },
            { weight: 1, arbitrary: fc.constantFrom("2026-02-30", "2027-03-16", "later") },
          ),
          nprsBack: fc.constantFrom("", "0", "4", "10", "11", "2.5", "x"),
          odi: fc.constantFrom("", "38", "101"),
          walkingMinutes: fc.constantFrom("", "30", "2000"),
          reliefOnsetDate: fc.oneof(
            fc.constant(""),
            fc.integer({ min: -10, max: 400 }).map((d) => addDaysIso(procedureDate, d)),
          ),
          outOfWindowReason: fc.constantFrom("", "Came back late after surgery elsewhere"),
        }),
        async (a) => {
          const procedureId = (await createProcedure(doc, { patientId, siteId, procedureDate, levels: "L4-L5", side: "left", anaesthesia: "local" }, TODAY)).id;
          const form = await formVerdict(
            createAssessment(
              doc,
              {
                procedureId,
                timepoint: a.tp.timepoint,
                assessedOn: a.assessedOn,
                nprsBack: a.nprsBack,
                odi: a.odi,
                walkingMinutes: a.walkingMinutes,
                reliefOnsetDate: a.reliefOnsetDate,
                outOfWindow: a.outOfWindowReason ? "on" : "",
                outOfWindowReason: a.outOfWindowReason,
              },
              TODAY,
            ),
          );
          const s = a.tp.suffix;
          const row = {
            ...baseRow(),
            procedure_date: procedureDate,
            [assessedOnColumn(s)]: a.assessedOn,
            [scoreColumn("back_nrs", s)]: a.nprsBack,
            [scoreColumn("odi", s)]: a.odi,
            [scoreColumn("walking_min", s)]: a.walkingMinutes,
            [reliefOnsetColumn(s)]: a.reliefOnsetDate,
            [outOfWindowReasonColumn(s)]: a.outOfWindowReason,
          };
          const fieldOf = new Map<string, string>([
            [assessedOnColumn(s), "assessedOn"],
            [reliefOnsetColumn(s), "reliefOnsetDate"],
            [outOfWindowReasonColumn(s), "outOfWindowReason"],
            ...SCORE_COLUMNS.map(({ prefix, field }) => [scoreColumn(prefix, s), field] as [string, string]),
          ]);
          expect(await importVerdict(row, fieldOf)).toEqual(form);
        },
      ) as fc.IAsyncProperty<unknown>,
    );
  });
});
