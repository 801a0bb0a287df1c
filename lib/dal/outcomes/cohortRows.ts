import "server-only";
import { and, eq, gt, lte, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/sqlite-core";
import { getReadDb, replicaRawRows } from "@/db/client";
import { RISK_FACTORS, type ComplicationType, type InactiveFollowUpStatus, type SubsequentSurgeryType, type Timepoint } from "@/db/enums";
import { assessments, complications, diaryEntries, followUpStatuses, patients, procedures, subsequentSurgeries } from "@/db/schema";
import type { BaseComplication, BaseProcedure } from "@/lib/outcomes/cohortBase";
import type { Diagnosis } from "@/lib/outcomes/outcomeFilters";
import type { Sex } from "@/lib/outcomes/cohort";
import { complicationFactsOf } from "@/lib/outcomes/complicationDefinition";
import { ageInYears, epochDay } from "@/lib/outcomes/dates";
import { inProcedureContext, REPORT_FACT_COLUMNS } from "@/lib/dal/records/complicationContext";

/**
 * The outcome facts of the procedures matching a WHERE over procedures joined to patients (lib/outcomes/cohortBase.ts),
 * read with set-based queries (procedures, then their assessments, diary days, complications, surgeries) and
 * one pass over the rows. SQL stays portable (ISO date strings compared as text, `||` concatenation, no date
 * functions), and driver values are normalised (booleans arrive as 0/1 from SQLite, true/false from
 * PostgreSQL), so both backends give the same facts. The reads go to the read replica when DATABASE_READ_URL
 * names one (db/client.ts): dashboards tolerate its lag. Inside a transaction (the export) they stay on it.
 */

export const RISK_COLUMNS = {
  scoliosisKyphosis: patients.scoliosisKyphosis,
  previousSpinalFracture: patients.previousSpinalFracture,
  previousSpinalSurgery: patients.previousSpinalSurgery,
  medicationAllergies: patients.medicationAllergies,
  diabetes: patients.diabetes,
  cardiovascularDisease: patients.cardiovascularDisease,
  smoking: patients.smoking,
  heavyDrinking: patients.heavyDrinking,
} as const;

/**
 * A batch of procedures by id (the export reads in id order), repeated on the child tables' procedure_id: a
 * planner cannot carry a range across a join, and without it PostgreSQL scans every assessment per batch.
 */
export type ProcedureIdRange = { after: number; upTo: number | null };

function childRange(
  column: typeof assessments.procedureId | typeof complications.procedureId | typeof diaryEntries.procedureId | typeof subsequentSurgeries.procedureId,
  ids: ProcedureIdRange | undefined,
): SQL | undefined {
  if (!ids) return undefined;
  return and(gt(column, ids.after), ids.upTo === null ? undefined : lte(column, ids.upTo));
}

/**
 * One string object per distinct value of a column with few values (timepoints, levels, sex, diagnosis, and the
 * dates — a practice works a few procedures and visits a day): the driver makes a new string for every row, and
 * the practice snapshot keeps 600,000 assessments at 100,000 procedures.
 */
function sharedStrings() {
  const seen = new Map<string, string>();
  return <T extends string>(v: T): T => {
    const known = seen.get(v);
    if (known !== undefined) return known as T;
    seen.set(v, v);
    return v;
  };
}

/** The procedures matching `where` (no authorization: callers add the scope), in date then id order. */
export async function readBaseProcedures(where: SQL | undefined, ids?: ProcedureIdRange): Promise<BaseProcedure[]> {
  const shared = sharedStrings();
  const procedureRows = await readProcedureRows(where);
  const list: BaseProcedure[] = new Array(procedureRows.length);
  const byId = new Map<number, number>();
  const day0 = new Float64Array(procedureRows.length);
  for (let i = 0; i < procedureRows.length; i++) {
    const r = procedureRows[i];
    let mask = 0;
    // Truthiness, not `=== true`: SQLite gives 0/1, PostgreSQL true/false.
    for (let k = 0; k < RISK_FACTORS.length; k++) if (r[P[RISK_FACTORS[k]]]) mask |= 1 << k;
    const id = Number(r[P.id]);
    list[i] = {
      facts: {
        id,
        patientId: Number(r[P.patientId]),
        physicianId: Number(r[P.physicianId]),
        siteId: Number(r[P.siteId]),
        procedureDate: shared(r[P.procedureDate] as string),
        levels: shared(r[P.levels] as string),
        priorTreatmentFlag: Boolean(r[P.flag]),
        diagnosis: shared(r[P.diagnosis] as Diagnosis),
        ageAtProcedure: ageInYears(r[P.dateOfBirth] as string, r[P.procedureDate] as string),
        sex: shared(r[P.sex] as Sex),
        riskMask: mask,
        followUpStatus: r[P.followUpStatus] ? { status: r[P.followUpStatus] as InactiveFollowUpStatus, date: r[P.followUpStatusDate] as string } : null,
      },
      assessments: [],
      diary: [],
      complications: [],
      firstSubsequentSurgery: null,
    };
    byId.set(id, i);
    day0[i] = epochDay(r[P.procedureDate] as string);
  }
  if (list.length === 0) return list;

  for (const r of await readAssessmentRows(and(where, childRange(assessments.procedureId, ids)))) {
    const idx = byId.get(Number(r[A.procedureId]));
    if (idx === undefined) continue;
    const start = day0[idx];
    const assessedOn = shared(r[A.assessedOn] as string);
    const onset = r[A.onset] as string | null;
    list[idx].assessments.push({
      id: Number(r[A.id]),
      timepoint: shared(r[A.timepoint] as Timepoint),
      assessedOn,
      day: epochDay(assessedOn) - start,
      nprsBack: r[A.nprsBack] as number | null,
      nprsLeg: r[A.nprsLeg] as number | null,
      odi: r[A.odi] as number | null,
      pgic: r[A.pgic] as number | null,
      walkingMinutes: r[A.walking] as number | null,
      standingMinutes: r[A.standing] as number | null,
      reliefOnsetDay: onset ? epochDay(onset) - start : null,
      outOfWindowReason: r[A.outOfWindowReason] as string | null,
      // Truthiness: SQLite gives 0/1, PostgreSQL true/false.
      outOfWindow: Boolean(r[A.outOfWindow]),
    });
  }

  for (const r of await readDiaryRows(and(where, childRange(diaryEntries.procedureId, ids)))) {
    const idx = byId.get(Number(r[D.procedureId]));
    if (idx === undefined) continue;
    list[idx].diary.push({
      day: Number(r[D.day]),
      nprsBack: r[D.nprsBack] as number | null,
      nprsLeg: r[D.nprsLeg] as number | null,
      odi: null,
      pgic: r[D.pgic] as number | null,
      reliefOnsetDay: null,
      diary: true,
    });
  }

  for (const c of await readComplicationRows(and(where, childRange(complications.procedureId, ids)))) {
    const idx = byId.get(c.procedureId);
    if (idx === undefined) continue;
    const report: BaseComplication = { id: c.id, type: c.type as ComplicationType, ...complicationFactsOf(c, epochDay(c.onsetDate) - day0[idx]) };
    list[idx].complications.push(report);
  }

  for (const s of await readSurgeryRows(and(where, childRange(subsequentSurgeries.procedureId, ids)))) {
    const idx = byId.get(Number(s[0]));
    if (idx === undefined) continue;
    const day = epochDay(s[1] as string) - day0[idx];
    const first = list[idx].firstSubsequentSurgery;
    if (!first || day < first.day) list[idx].firstSubsequentSurgery = { day, type: s[2] as SubsequentSurgeryType };
  }
  for (const b of list) if (b.diary.length > 1) b.diary.sort((x, y) => x.day - y.day);
  return list;
}

/** Each selected column's position in a row of driver values, by the name it is selected under. */
const positionsOf = <K extends string>(columns: Record<K, unknown>) => Object.fromEntries(Object.keys(columns).map((k, i) => [k, i])) as Record<K, number>;

const PROCEDURE_COLUMNS = {
  id: procedures.id,
  patientId: procedures.patientId,
  physicianId: procedures.physicianId,
  siteId: procedures.siteId,
  procedureDate: procedures.procedureDate,
  levels: procedures.levels,
  flag: procedures.priorTreatmentFlag,
  diagnosis: patients.diagnosis,
  dateOfBirth: patients.dateOfBirth,
  sex: patients.sex,
  ...RISK_COLUMNS,
  followUpStatus: followUpStatuses.status,
  followUpStatusDate: followUpStatuses.statusDate,
};
const P = positionsOf(PROCEDURE_COLUMNS);

const ASSESSMENT_COLUMNS = {
  procedureId: assessments.procedureId,
  timepoint: assessments.timepoint,
  assessedOn: assessments.assessedOn,
  nprsBack: assessments.nprsBack,
  nprsLeg: assessments.nprsLeg,
  odi: assessments.odi,
  walking: assessments.walkingMinutes,
  standing: assessments.standingMinutes,
  onset: assessments.reliefOnsetDate,
  id: assessments.id,
  pgic: assessments.pgic,
  outOfWindow: assessments.outOfWindow,
  outOfWindowReason: assessments.outOfWindowReason,
};
const A = positionsOf(ASSESSMENT_COLUMNS);

const DIARY_COLUMNS = {
  procedureId: diaryEntries.procedureId,
  day: diaryEntries.day,
  nprsBack: diaryEntries.nprsBack,
  nprsLeg: diaryEntries.nprsLeg,
  pgic: diaryEntries.pgic,
};
const D = positionsOf(DIARY_COLUMNS);

/** Every read joins the patient: the filters (diagnosis, risk factors) are written against procedures and patients. */
const patientOfProcedure = eq(patients.id, procedures.patientId);

/** The cohort's relief-diary days (up to 14 per procedure), under the same WHERE. */
const readDiaryRows = (where: SQL | undefined) => readChildRows(DIARY_COLUMNS, diaryEntries, where);

/**
 * Rows of a table hanging off procedures (assessments, diary days, surgeries) under the cohort's WHERE, as arrays
 * of driver values. No ORDER BY: sorting 600,000 assessments costs more than ordering each procedure's handful.
 */
function readChildRows(
  columns: SelectedFields,
  table: typeof assessments | typeof diaryEntries | typeof subsequentSurgeries,
  where: SQL | undefined,
): Promise<unknown[][]> {
  return replicaRawRows(
    getReadDb()
      .select(columns)
      .from(table as typeof assessments)
      .innerJoin(procedures, eq(procedures.id, table.procedureId))
      .innerJoin(patients, patientOfProcedure)
      .where(where),
  );
}

/** The cohort's procedures in date order, as arrays of driver values: the list is as long as the cohort. */
function readProcedureRows(where: SQL | undefined): Promise<unknown[][]> {
  return replicaRawRows(
    getReadDb()
      .select(PROCEDURE_COLUMNS)
      .from(procedures)
      .innerJoin(patients, patientOfProcedure)
      // At most one mark per procedure (unique), so the join never repeats a procedure.
      .leftJoin(followUpStatuses, eq(followUpStatuses.procedureId, procedures.id))
      .where(where)
      .orderBy(procedures.procedureDate, procedures.id),
  );
}

/** The cohort's assessments (~6 per procedure, ~600,000 at 100,000 procedures) under the same WHERE, so the database does the filtering. */
const readAssessmentRows = (where: SQL | undefined) => readChildRows(ASSESSMENT_COLUMNS, assessments, where);

/** The cohort's subsequent lumbar surgeries (few), as [procedureId, surgeryDate, type]. */
const readSurgeryRows = (where: SQL | undefined) =>
  readChildRows(
    { procedureId: subsequentSurgeries.procedureId, surgeryDate: subsequentSurgeries.surgeryDate, type: subsequentSurgeries.type },
    subsequentSurgeries,
    where,
  );

/** The cohort's complication reports in id order, so each procedure lists its qualifying ones alike on both backends. */
function readComplicationRows(where: SQL | undefined) {
  const query = getReadDb()
    .select({
      id: complications.id,
      procedureId: complications.procedureId,
      ...REPORT_FACT_COLUMNS,
    })
    .from(complications)
    .$dynamic();
  return inProcedureContext(query).where(where).orderBy(complications.id);
}
