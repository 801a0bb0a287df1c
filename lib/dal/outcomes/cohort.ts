import "server-only";
import { and, eq, gt, lte, or, sql, type SQL } from "drizzle-orm";
import { getDb, getReadDb, replicaRawRows } from "@/db/client";
import { RISK_FACTORS, type InactiveFollowUpStatus, type RiskFactor, type SubsequentSurgeryType, type Timepoint } from "@/db/enums";
import { assessments, complications, diaryEntries, followUpStatuses, patients, procedures, subsequentSurgeries, users } from "@/db/schema";
import { allGradeDefinition, complicationQualifies, effectiveGradeAndRelatedness } from "@/lib/outcomes/complicationDefinition";
import { ageInYears, epochDay, todayIso } from "@/lib/outcomes/dates";
import type { Diagnosis, OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import type { CohortAssessment, CohortProcedure, OutcomeCohort, Sex } from "@/lib/outcomes/cohort";
import { reliefCriterion, reliefOutcomeFromDays, type ReliefScores } from "@/lib/outcomes/relief";
import { inProcedureContext } from "@/lib/dal/records/complicationContext";
import { NotFoundError } from "@/lib/dal/errors";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";

/**
 * The outcomes cohort: the procedures a principal may see under the dashboard's filters, with what every
 * outcome statistic needs (assessments, qualifying complications) and the per-procedure values derived from
 * them (relief event/day, qualifying-complication flag, worst grade). The dashboard, the JSON API and the
 * CSV export of the same view all read it, so they cannot disagree.
 *
 * Read with three set-based queries (procedures, their assessments, their complications) and one pass over
 * the rows; SQL stays portable (ISO date strings compared as text, `||` concatenation, no date functions), and
 * driver values are normalised (booleans arrive as 0/1 from SQLite, true/false from PostgreSQL), so both
 * backends give the same cohort and the same figures.
 */

const RISK_COLUMNS = {
  scoliosisKyphosis: patients.scoliosisKyphosis,
  previousSpinalFracture: patients.previousSpinalFracture,
  previousSpinalSurgery: patients.previousSpinalSurgery,
  medicationAllergies: patients.medicationAllergies,
  diabetes: patients.diabetes,
  cardiovascularDisease: patients.cardiovascularDisease,
  smoking: patients.smoking,
  heavyDrinking: patients.heavyDrinking,
} as const satisfies Record<RiskFactor, unknown>;

/**
 * The filters as SQL over procedures joined to patients, without any authorization (callers add the scope).
 * `includePhysician: false` leaves the physician filter out (the pool and the quality view use all physicians).
 */
export function outcomeFilterSql(filters: OutcomeFilters, opts: { includePhysician?: boolean } = {}): SQL | undefined {
  return and(
    opts.includePhysician !== false && filters.physician !== undefined ? eq(procedures.physicianId, filters.physician) : undefined,
    filters.site !== undefined ? eq(procedures.siteId, filters.site) : undefined,
    filters.from ? sql`${procedures.procedureDate} >= ${filters.from}` : undefined,
    filters.to ? sql`${procedures.procedureDate} <= ${filters.to}` : undefined,
    filters.diagnosis ? eq(patients.diagnosis, filters.diagnosis) : undefined,
    filters.riskFactor ? eq(RISK_COLUMNS[filters.riskFactor], true) : undefined,
    filters.flag === "exclude" ? eq(procedures.priorTreatmentFlag, false) : undefined,
    filters.flag === "only" ? eq(procedures.priorTreatmentFlag, true) : undefined,
    filters.levels?.length ? or(...filters.levels.map((l) => sql`(',' || ${procedures.levels} || ',') like ${`%,${l},%`}`)) : undefined,
  );
}

/**
 * Who may look at which physician's outcomes. A physician sees only their own: asking for another
 * physician is answered exactly like asking for one who does not exist (NotFound), so ids cannot be probed.
 * Quality officers and admins may look at any physician (or everyone). Coordinators see no outcomes at all.
 */
export async function assertOutcomeAccess(principal: Principal, filters: Pick<OutcomeFilters, "physician">): Promise<void> {
  // Coordinators enter data; outcome figures are for the physicians and the quality officers (their home shows completeness only).
  if (principal.role === "coordinator") throw new NotFoundError("Page");
  if (filters.physician === undefined) return;
  if (canSeeAllPhysicians(principal)) {
    const [row] = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, filters.physician), eq(users.role, "physician")))
      .limit(1);
    if (!row) throw new NotFoundError("Physician");
    return;
  }
  if (principal.role !== "physician" || filters.physician !== principal.id) throw new NotFoundError("Physician");
}

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
 * Unscoped read: callers decide the WHERE (the principal's scope, or the pool's "other physicians"). The three
 * reads go to the read replica when DATABASE_READ_URL names one (db/client.ts): dashboards tolerate its lag,
 * and the primary stays free for record entry. Inside a transaction (the export) they stay on it.
 */
export async function readCohort(where: SQL | undefined, filters: OutcomeFilters, today = todayIso(), ids?: ProcedureIdRange): Promise<OutcomeCohort> {
  const definition = filters.definition;
  const allGrade = allGradeDefinition(definition);
  const criterion = reliefCriterion(filters.reliefCriterion);

  const procedureRows = await readProcedureRows(where);
  const list: CohortProcedure[] = new Array(procedureRows.length);
  const byId = new Map<number, number>();
  const day0 = new Float64Array(procedureRows.length);
  for (let i = 0; i < procedureRows.length; i++) {
    const r = procedureRows[i];
    let mask = 0;
    // Truthiness, not `=== true`: SQLite gives 0/1, PostgreSQL true/false.
    for (let k = 0; k < RISK_FACTORS.length; k++) if (r[P[RISK_FACTORS[k]]]) mask |= 1 << k;
    const id = Number(r[P.id]);
    list[i] = {
      id,
      patientId: Number(r[P.patientId]),
      physicianId: Number(r[P.physicianId]),
      siteId: Number(r[P.siteId]),
      procedureDate: r[P.procedureDate] as string,
      levels: r[P.levels] as string,
      priorTreatmentFlag: Boolean(r[P.flag]),
      diagnosis: r[P.diagnosis] as Diagnosis,
      ageAtProcedure: ageInYears(r[P.dateOfBirth] as string, r[P.procedureDate] as string),
      sex: r[P.sex] as Sex,
      riskMask: mask,
      baseline: null,
      followUps: [],
      diary: [],
      complications: [],
      relief: { excluded: "no-baseline" },
      hasQualifyingComplication: false,
      hasAllGradeComplication: false,
      worstGrade: null,
      firstSubsequentSurgery: null,
      followUpStatus: r[P.followUpStatus] ? { status: r[P.followUpStatus] as InactiveFollowUpStatus, date: r[P.followUpStatusDate] as string } : null,
    };
    byId.set(id, i);
    day0[i] = epochDay(r[P.procedureDate] as string);
  }
  const outOfWindow = { count: 0, included: filters.outOfWindow === "include" };
  if (list.length === 0) return { filters, outOfWindow, definition, criterion, today, procedures: list };

  for (const r of await readAssessmentRows(and(where, childRange(assessments.procedureId, ids)))) {
    const idx = byId.get(Number(r[A.procedureId]));
    if (idx === undefined) continue;
    // Truthiness: SQLite gives 0/1, PostgreSQL true/false.
    if (r[A.outOfWindow]) {
      outOfWindow.count++;
      if (!outOfWindow.included) continue;
    }
    const p = list[idx];
    const start = day0[idx];
    const assessedOn = r[A.assessedOn] as string;
    const onset = r[A.onset] as string | null;
    const a: CohortAssessment = {
      id: Number(r[A.id]),
      timepoint: r[A.timepoint] as Timepoint,
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
    };
    if (a.timepoint === "baseline") {
      // One baseline per procedure (unique index); keep the later one should data ever hold two.
      if (!p.baseline || a.day > p.baseline.day || (a.day === p.baseline.day && a.id > p.baseline.id)) p.baseline = a;
    } else if (a.day >= 0) {
      p.followUps.push(a);
    }
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
    const facts = {
      grade: c.grade,
      finalGrade: c.finalGrade,
      relatedness: c.relatedness,
      finalRelatedness: c.finalRelatedness,
      adjudicationStatus: c.status,
      onsetDay: epochDay(c.onsetDate) - day0[idx],
      serious: Boolean(c.serious),
      fatal: c.type === "death" || c.outcome === "fatal",
    };
    const p = list[idx];
    if (complicationQualifies(allGrade, facts)) p.hasAllGradeComplication = true;
    if (!complicationQualifies(definition, facts)) continue;
    const effective = effectiveGradeAndRelatedness(facts);
    p.complications.push({
      id: c.id,
      type: c.type,
      grade: effective.grade,
      relatedness: effective.relatedness,
      onsetDay: facts.onsetDay,
      adjudicationStatus: c.status,
      serious: Boolean(c.serious),
    });
    p.hasQualifyingComplication = true;
    p.worstGrade = Math.max(p.worstGrade ?? 0, effective.grade);
  }

  for (const s of await readSurgeryRows(and(where, childRange(subsequentSurgeries.procedureId, ids)))) {
    const idx = byId.get(Number(s[0]));
    if (idx === undefined) continue;
    const day = epochDay(s[1] as string) - day0[idx];
    const first = list[idx].firstSubsequentSurgery;
    if (!first || day < first.day) list[idx].firstSubsequentSurgery = { day, type: s[2] as SubsequentSurgeryType };
  }

  for (const p of list) {
    // Assessment rows arrive in no particular order (and not the same one on both backends): same-day visits
    // are put in id order, so the relief rule sees them alike everywhere.
    if (p.followUps.length > 1) p.followUps.sort((a, b) => a.day - b.day || a.id - b.id);
    const baseline: ReliefScores | null = p.baseline;
    // With a diary, its days join the visits: relief in the first two weeks is dated to the exact day.
    if (p.diary.length > 1) p.diary.sort((a, b) => a.day - b.day);
    p.relief = reliefOutcomeFromDays(criterion, baseline, p.diary.length > 0 ? [...p.diary, ...p.followUps].sort((a, b) => a.day - b.day) : p.followUps);
  }
  return { filters, outOfWindow, definition, criterion, today, procedures: list };
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

/** The cohort's relief-diary days (up to 14 per procedure), under the same WHERE. */
function readDiaryRows(where: SQL | undefined): Promise<unknown[][]> {
  return replicaRawRows(
    getReadDb()
      .select(DIARY_COLUMNS)
      .from(diaryEntries)
      .innerJoin(procedures, eq(procedures.id, diaryEntries.procedureId))
      .innerJoin(patients, eq(patients.id, procedures.patientId))
      .where(where),
  );
}

/** The cohort's procedures in date order, as arrays of driver values: the list is as long as the cohort. */
function readProcedureRows(where: SQL | undefined): Promise<unknown[][]> {
  return replicaRawRows(
    getReadDb()
      .select(PROCEDURE_COLUMNS)
      .from(procedures)
      .innerJoin(patients, eq(patients.id, procedures.patientId))
      // At most one mark per procedure (unique), so the join never repeats a procedure.
      .leftJoin(followUpStatuses, eq(followUpStatuses.procedureId, procedures.id))
      .where(where)
      .orderBy(procedures.procedureDate, procedures.id),
  );
}

/**
 * The cohort's assessments (~6 per procedure, ~600,000 at 100,000 procedures) under the same WHERE, so the
 * database does the filtering. Arrays of driver values rather than drizzle's per-row objects, and no ORDER BY
 * (sorting that many rows costs more than ordering each procedure's handful in readCohort).
 */
function readAssessmentRows(where: SQL | undefined): Promise<unknown[][]> {
  return replicaRawRows(
    getReadDb()
      .select(ASSESSMENT_COLUMNS)
      .from(assessments)
      .innerJoin(procedures, eq(procedures.id, assessments.procedureId))
      .innerJoin(patients, eq(patients.id, procedures.patientId))
      .where(where),
  );
}

/** The cohort's subsequent lumbar surgeries (few), as [procedureId, surgeryDate, type]. */
function readSurgeryRows(where: SQL | undefined): Promise<unknown[][]> {
  return replicaRawRows(
    getReadDb()
      .select({ procedureId: subsequentSurgeries.procedureId, surgeryDate: subsequentSurgeries.surgeryDate, type: subsequentSurgeries.type })
      .from(subsequentSurgeries)
      .innerJoin(procedures, eq(procedures.id, subsequentSurgeries.procedureId))
      .innerJoin(patients, eq(patients.id, procedures.patientId))
      .where(where),
  );
}

/** The cohort's complication reports in id order, so each procedure lists its qualifying ones alike on both backends. */
function readComplicationRows(where: SQL | undefined) {
  const query = getReadDb()
    .select({
      id: complications.id,
      procedureId: complications.procedureId,
      type: complications.type,
      onsetDate: complications.onsetDate,
      serious: complications.serious,
      outcome: complications.outcome,
      grade: complications.grade,
      finalGrade: complications.finalGrade,
      relatedness: complications.relatedness,
      finalRelatedness: complications.finalRelatedness,
      status: complications.adjudicationStatus,
    })
    .from(complications)
    .$dynamic();
  return inProcedureContext(query).where(where).orderBy(complications.id);
}

/**
 * The cohort a principal asked for: their scope (a physician only ever gets their own procedures), then the
 * filters. Throws NotFoundError when a physician asks for another physician (see assertOutcomeAccess).
 */
export async function outcomeCohort(principal: Principal, filters: OutcomeFilters, today = todayIso()): Promise<OutcomeCohort> {
  await assertOutcomeAccess(principal, filters);
  return readCohort(and(procedureScope(principal), outcomeFilterSql(filters)), filters, today);
}
