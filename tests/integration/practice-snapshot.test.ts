/**
 * The dashboards' cohort comes from the practice snapshot kept in memory and brought up to date from the audit
 * log (lib/dal/outcomes/practiceSnapshot.ts); the export and this test read it from the database
 * (readCohort). Under any filters, for each role that sees outcomes, and after writes of every kind — forms, an
 * import, a procedure's levels and a patient's diagnosis corrected, a follow-up mark set and removed — the two are the same cohort, so the dashboards never show a
 * figure the data no longer supports. A row inserted without an audit row (a script) is noticed by the table's
 * newest id and rebuilds the snapshot.
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, asc, eq, ne } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { appendAudit } from "@/lib/audit/appendAudit";
import { DIAGNOSES, LEVELS, RISK_FACTORS } from "@/db/enums";
import { assessments, patients, procedures, sites, users } from "@/db/schema";
import { commitImport } from "@/lib/dal/csv/importRecords";
import { outcomeCohort, outcomeFilterSql, practiceWideCohort, readCohort } from "@/lib/dal/outcomes/cohort";
import type { Principal } from "@/lib/dal/principal";
import { createAssessment } from "@/lib/dal/records/assessments";
import { setFollowUpStatus } from "@/lib/dal/records/followUp";
import { updatePatient } from "@/lib/dal/records/patients";
import { updateProcedure } from "@/lib/dal/records/procedures";
import { procedureScope } from "@/lib/dal/scope";
import { DEFAULT_COMPLICATION_DEFINITION } from "@/lib/outcomes/complicationDefinition";
import { addDaysIso } from "@/lib/outcomes/dates";
import { DEFAULT_OUTCOME_FILTERS, type OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { RELIEF_CRITERION_IDS } from "@/lib/outcomes/relief";
import { seedDemoInto } from "../fixtures/csv/csvHelpers";
import { principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const t = await tempDatabaseForFile("practice-snapshot");

const TODAY = "2026-11-25";
let officer: Principal;
let admin: Principal;
let doctor: Principal;
let siteIds: number[] = [];

beforeAll(async () => {
  await seedDemoInto(t, { procedures: 120, seed: 7, end: TODAY, physicians: 3 });
  const byRole = async (role: "quality_officer" | "admin" | "physician") =>
    principalOf((await t.db.select().from(users).where(eq(users.role, role)).orderBy(asc(users.id)).limit(1))[0]!);
  officer = await byRole("quality_officer");
  admin = await byRole("admin");
  doctor = await byRole("physician");
  siteIds = (await t.db.select({ id: sites.id }).from(sites)).map((s) => s.id);
}, 60_000);

const filtersArb: fc.Arbitrary<OutcomeFilters> = fc
  .record(
    {
      site: fc.constantFrom(...[1, 2, 3, 99]),
      from: fc.constantFrom("2025-01-01", "2025-09-15", "2026-06-30"),
      to: fc.constantFrom("2025-12-31", "2026-09-01", TODAY),
      diagnosis: fc.constantFrom(...DIAGNOSES),
      riskFactor: fc.constantFrom(...RISK_FACTORS),
      flag: fc.constantFrom("include" as const, "exclude" as const, "only" as const),
      levels: fc.subarray([...LEVELS], { minLength: 1 }),
      outOfWindow: fc.constantFrom("exclude" as const, "include" as const),
      reliefCriterion: fc.constantFrom(...RELIEF_CRITERION_IDS),
      severity: fc.constantFrom("serious" as const, "any" as const),
      adjudicated: fc.constantFrom("reported" as const, "confirmed" as const),
    },
    { requiredKeys: ["flag", "outOfWindow", "reliefCriterion", "severity", "adjudicated"] },
  )
  .map(({ severity, adjudicated, ...rest }) => ({
    ...rest,
    definition: { ...DEFAULT_COMPLICATION_DEFINITION, severity, adjudicated },
  }));

/** The cohorts as the dashboards get them and as the database gives them, for each role that sees outcomes. */
async function bothWays(filters: OutcomeFilters) {
  const site = filters.site === undefined ? undefined : (siteIds[filters.site - 1] ?? filters.site);
  const f = { ...filters, site };
  const kept = await Promise.all([outcomeCohort(officer, f, TODAY), outcomeCohort(doctor, f, TODAY), practiceWideCohort(f, TODAY, { except: doctor.id })]);
  const read = await Promise.all([
    readCohort(and(procedureScope(officer), outcomeFilterSql(f)), f, TODAY),
    readCohort(and(procedureScope(doctor), outcomeFilterSql(f)), f, TODAY),
    readCohort(and(outcomeFilterSql(f, { includePhysician: false }), ne(procedures.physicianId, doctor.id)), { ...f, physician: undefined }, TODAY),
  ]);
  return { kept, read };
}

const IMPORT_HEADER = ["procedure_ref", "patient_ref", "physician_ref", "patient_mrn", "patient_name", "date_of_birth", "procedure_date", "site", "sex"];
const IMPORT_TAIL = ["diagnosis", "levels", "side", "anaesthesia", "assessed_on_baseline", "back_nrs_baseline", "assessed_on_6w", "back_nrs_6w"];

async function importOne(n: number) {
  const [site] = await getDb().select({ code: sites.code }).from(sites).orderBy(asc(sites.id)).limit(1);
  const values = [`snap-${n}`, `snap-pat-${n}`, doctor.email, `SNAP-${n}`, `Snapshot Patient ${n}`, "1948-03-02", "2026-04-01", site!.code, "male"];
  const tail = ["stenosis", "L3-L4", "bilateral", "local", "2026-03-20", "8", "2026-05-13", "2"];
  const text = `${[...IMPORT_HEADER, ...IMPORT_TAIL].join(",")}\r\n${[...values, ...tail].join(",")}\r\n`;
  const report = await commitImport(admin, { procedures: { name: "procedures.csv", bytes: new TextEncoder().encode(text) } }, TODAY);
  expect(report.problems).toEqual([]);
}

type Step =
  | { kind: "assessment"; pick: number; day: number; nprs: number }
  | { kind: "followUp"; pick: number; status: "lost" | "active" }
  | { kind: "import" }
  | { kind: "editProcedure"; pick: number; level: (typeof LEVELS)[number] }
  | { kind: "editPatient"; pick: number; diagnosis: (typeof DIAGNOSES)[number] }
  | { kind: "unaudited"; pick: number; thenSignIn?: boolean }
  | { kind: "moveProcedure"; pick: number; days: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("assessment" as const), pick: fc.nat(), day: fc.integer({ min: 1, max: 300 }), nprs: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant("followUp" as const), pick: fc.nat(), status: fc.constantFrom("lost" as const, "active" as const) }),
  fc.record({ kind: fc.constant("import" as const) }),
  fc.record({ kind: fc.constant("editProcedure" as const), pick: fc.nat(), level: fc.constantFrom(...LEVELS) }),
  fc.record({ kind: fc.constant("editPatient" as const), pick: fc.nat(), diagnosis: fc.constantFrom(...DIAGNOSES) }),
  fc.record({ kind: fc.constant("unaudited" as const), pick: fc.nat() }),
  // …and then someone signs in: an audit row, but of nothing the facts hold, after the write that left none.
  fc.record({ kind: fc.constant("unaudited" as const), pick: fc.nat(), thenSignIn: fc.constant(true) }),
  // A corrected procedure date moves the procedure in the cohort's order (procedure date, then id).
  fc.record({ kind: fc.constant("moveProcedure" as const), pick: fc.nat(), days: fc.integer({ min: -400, max: 400 }) }),
);

let imported = 0;
async function apply(step: Step) {
  const own = await getDb().select().from(procedures).where(eq(procedures.physicianId, doctor.id)).orderBy(asc(procedures.id));
  const p = own[("pick" in step ? step.pick : 0) % own.length]!;
  switch (step.kind) {
    case "assessment": {
      const on = addDaysIso(p.procedureDate, step.day);
      if (on > TODAY) return;
      try {
        await createAssessment(doctor, { procedureId: p.id, timepoint: "unscheduled", assessedOn: on, nprsBack: String(step.nprs) }, TODAY);
      } catch (e) {
        if (!(e instanceof Error) || e.constructor.name !== "ValidationError") throw e;
      }
      return;
    }
    case "followUp":
      return setFollowUpStatus(doctor, { procedureId: p.id, status: step.status, ...(step.status === "active" ? {} : { statusDate: TODAY }) }, TODAY).catch(
        (e: Error) => {
          if (e.constructor.name !== "ValidationError") throw e;
        },
      );
    case "import":
      return importOne(++imported);
    case "moveProcedure": {
      const on = addDaysIso(p.procedureDate, step.days);
      if (on > TODAY) return;
      await updateProcedure(doctor, p.id, {
        patientId: p.patientId,
        siteId: p.siteId,
        procedureDate: on,
        levels: p.levels.split(","),
        side: p.side,
        anaesthesia: p.anaesthesia,
        ...(p.priorTreatmentFlag ? { priorTreatmentFlag: "on" } : {}),
      }).catch((e: Error) => {
        if (e.constructor.name !== "ValidationError") throw e;
      });
      return;
    }
    case "editProcedure":
      await updateProcedure(doctor, p.id, {
        patientId: p.patientId,
        siteId: p.siteId,
        procedureDate: p.procedureDate,
        levels: [step.level],
        side: p.side,
        anaesthesia: p.anaesthesia,
        ...(p.priorTreatmentFlag ? {} : { priorTreatmentFlag: "on" }),
      });
      return;
    case "editPatient": {
      const [patient] = await getDb().select().from(patients).where(eq(patients.id, p.patientId));
      await updatePatient(doctor, patient!.id, {
        siteId: String(patient!.siteId),
        mrn: patient!.mrn,
        name: patient!.name,
        dateOfBirth: patient!.dateOfBirth,
        sex: patient!.sex,
        diagnosis: step.diagnosis,
        ...(patient!.diabetes ? {} : { diabetes: "on" }),
      });
      return;
    }
    case "unaudited": {
      // Not through the data layer, so no audit row (a script, a restore): the table's newest id gives it away.
      await getDb().insert(assessments).values({
        procedureId: p.id,
        timepoint: "unscheduled",
        assessedOn: p.procedureDate,
        nprsBack: 5,
        createdBy: doctor.id,
        createdAt: TODAY,
        updatedAt: TODAY,
      });
      if (step.thenSignIn)
        await transaction((tx) => appendAudit(tx, { actor: { id: doctor.id, email: doctor.email }, action: "session.sign_in", entity: "session" }));
      return;
    }
  }
}

describe("the practice snapshot the dashboards derive their cohort from", () => {
  it("gives the database's cohort under any filters, for a quality officer, a physician and the pool", async () => {
    await fc.assert(
      fc.asyncProperty(filtersArb, async (filters) => {
        const { kept, read } = await bothWays(filters);
        expect(kept).toEqual(read);
      }),
      { numRuns: 40, seed: 20261207 },
    );
  }, 240_000);

  it("stays the database's cohort after every write of a random sequence: forms, imports, corrections, follow-up marks, writes without audit", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 5 }), filtersArb, async (steps, filters) => {
        for (const step of steps) {
          await bothWays(DEFAULT_OUTCOME_FILTERS); // the snapshot as it was before the write
          await apply(step);
          const { kept, read } = await bothWays(DEFAULT_OUTCOME_FILTERS);
          expect(kept, JSON.stringify(step)).toEqual(read);
        }
        const { kept, read } = await bothWays(filters);
        expect(kept).toEqual(read);
      }),
      { numRuns: 10, seed: 20261208 },
    );
  }, 300_000);
});
