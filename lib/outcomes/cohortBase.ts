/**
 * A procedure's outcome facts before any filter or definition is applied (what lib/dal/outcomes/cohortRows.ts
 * reads, and what the practice snapshot keeps between requests), and the one way a cohort is derived from
 * them under the dashboard's filters: which assessments count, which complications qualify, the relief day.
 * The SQL read and the kept snapshot both go through `deriveCohort`, so they cannot disagree.
 */
import { RISK_FACTORS, type ComplicationType, type SubsequentSurgeryType } from "@/db/enums";
import type { CohortAssessment, CohortProcedure, OutcomeCohort } from "./cohort";
import { allGradeDefinition, complicationQualifies, effectiveGradeAndRelatedness, type ComplicationFacts } from "./complicationDefinition";
import type { OutcomeFilters } from "./outcomeFilters";
import { reliefCriterion, reliefOutcomeFromDays, type ReliefScores, type ReliefVisit } from "./relief";

/** What a procedure is, independent of its assessments: the fields of CohortProcedure that no filter changes. */
export type ProcedureFacts = Pick<
  CohortProcedure,
  | "id"
  | "patientId"
  | "physicianId"
  | "siteId"
  | "procedureDate"
  | "levels"
  | "priorTreatmentFlag"
  | "diagnosis"
  | "ageAtProcedure"
  | "sex"
  | "riskMask"
  | "followUpStatus"
>;

export type BaseAssessment = CohortAssessment & { outOfWindow: boolean };
export type BaseComplication = ComplicationFacts & { id: number; type: ComplicationType };

/**
 * One procedure with every assessment (in or out of window), diary day and complication report it has. Shared
 * between requests, so nothing here is ever changed after it is built: derived cohorts copy what they alter.
 */
export type BaseProcedure = {
  facts: ProcedureFacts;
  assessments: BaseAssessment[];
  /** Diary days in day order. */
  diary: ReliefVisit[];
  /** Complication reports in id order. */
  complications: BaseComplication[];
  firstSubsequentSurgery: { day: number; type: SubsequentSurgeryType } | null;
};

/** What deriving a procedure depends on besides its facts: the complication definition, the relief criterion, out-of-window visits. */
export type Derivation = {
  filters: OutcomeFilters;
  definition: OutcomeFilters["definition"];
  allGrade: OutcomeFilters["definition"];
  criterion: ReturnType<typeof reliefCriterion>;
  includeOutOfWindow: boolean;
  /** Equal for two filter sets exactly when they derive every procedure alike. */
  key: string;
};

export function derivationOf(filters: OutcomeFilters): Derivation {
  const definition = filters.definition;
  const includeOutOfWindow = filters.outOfWindow === "include";
  return {
    filters,
    definition,
    allGrade: allGradeDefinition(definition),
    criterion: reliefCriterion(filters.reliefCriterion),
    includeOutOfWindow,
    key: JSON.stringify([definition, filters.reliefCriterion, includeOutOfWindow]),
  };
}

/**
 * One procedure under a derivation: the assessments that count, the complications that qualify, the relief
 * day. A new object, never shared with the base; `outOfWindow` counts its assessments kept outside their window.
 */
export function deriveProcedure(b: BaseProcedure, d: Derivation): { procedure: CohortProcedure; outOfWindow: number } {
  const f = b.facts;
  let outOfWindow = 0;
  // Spelled out rather than spread: one object shape for every procedure keeps the pass over 100,000 quick.
  const p: CohortProcedure = {
    id: f.id,
    patientId: f.patientId,
    physicianId: f.physicianId,
    siteId: f.siteId,
    procedureDate: f.procedureDate,
    levels: f.levels,
    priorTreatmentFlag: f.priorTreatmentFlag,
    diagnosis: f.diagnosis,
    ageAtProcedure: f.ageAtProcedure,
    sex: f.sex,
    riskMask: f.riskMask,
    followUpStatus: f.followUpStatus,
    baseline: null,
    followUps: [],
    diary: b.diary,
    complications: [],
    relief: { excluded: "no-baseline" },
    hasQualifyingComplication: false,
    hasAllGradeComplication: false,
    worstGrade: null,
    firstSubsequentSurgery: b.firstSubsequentSurgery,
  };
  for (const a of b.assessments) {
    if (a.outOfWindow) {
      outOfWindow++;
      if (!d.includeOutOfWindow) continue;
    }
    if (a.timepoint === "baseline") {
      // One baseline per procedure (unique index); keep the later one should data ever hold two.
      if (!p.baseline || a.day > p.baseline.day || (a.day === p.baseline.day && a.id > p.baseline.id)) p.baseline = a;
    } else if (a.day >= 0) {
      p.followUps.push(a);
    }
  }
  for (const c of b.complications) {
    if (complicationQualifies(d.allGrade, c)) p.hasAllGradeComplication = true;
    if (!complicationQualifies(d.definition, c)) continue;
    const effective = effectiveGradeAndRelatedness(c);
    p.complications.push({
      id: c.id,
      type: c.type,
      grade: effective.grade,
      relatedness: effective.relatedness,
      onsetDay: c.onsetDay,
      adjudicationStatus: c.adjudicationStatus,
      serious: c.serious,
    });
    p.hasQualifyingComplication = true;
    p.worstGrade = Math.max(p.worstGrade ?? 0, effective.grade);
  }
  // Assessment rows arrive in no particular order (and not the same one on both backends): same-day visits
  // are put in id order, so the relief rule sees them alike everywhere.
  if (p.followUps.length > 1) p.followUps.sort((x, y) => x.day - y.day || x.id - y.id);
  const baseline: ReliefScores | null = p.baseline;
  // With a diary, its days join the visits: relief in the first two weeks is dated to the exact day.
  p.relief = reliefOutcomeFromDays(d.criterion, baseline, p.diary.length > 0 ? [...p.diary, ...p.followUps].sort((x, y) => x.day - y.day) : p.followUps);
  return { procedure: p, outOfWindow };
}

/** The cohort of these procedures (already in the cohort's order: procedure date, then id) under the filters. */
export function deriveCohort(base: readonly BaseProcedure[], filters: OutcomeFilters, today: string): OutcomeCohort {
  const d = derivationOf(filters);
  let outOfWindow = 0;
  const list: CohortProcedure[] = new Array(base.length);
  for (let i = 0; i < base.length; i++) {
    const { procedure, outOfWindow: n } = deriveProcedure(base[i], d);
    outOfWindow += n;
    list[i] = procedure;
  }
  return cohortOf(d, filters, today, list, outOfWindow);
}

/** The cohort of procedures derived under `d`, with how many of their assessments lie outside their window. */
export function cohortOf(d: Derivation, filters: OutcomeFilters, today: string, procedures: CohortProcedure[], outOfWindow: number): OutcomeCohort {
  return { filters, outOfWindow: { count: outOfWindow, included: d.includeOutOfWindow }, definition: d.definition, criterion: d.criterion, today, procedures };
}

/**
 * The dashboard's filters as a test on a procedure's facts: the same rules as `outcomeFilterSql`
 * (lib/dal/outcomes/cohort.ts) states in SQL, for the cohort taken from the kept practice snapshot. The
 * property test tests/integration/practice-snapshot.test.ts holds the two to the same answer.
 */
export function outcomeFilterTest(filters: OutcomeFilters, opts: { includePhysician?: boolean } = {}): (p: ProcedureFacts) => boolean {
  const physician = opts.includePhysician !== false ? filters.physician : undefined;
  const riskBit = filters.riskFactor ? 1 << RISK_FACTORS.indexOf(filters.riskFactor) : 0;
  const levels = filters.levels?.length ? filters.levels.map((l) => `,${l},`) : null;
  return (p) =>
    (physician === undefined || p.physicianId === physician) &&
    (filters.site === undefined || p.siteId === filters.site) &&
    (!filters.from || p.procedureDate >= filters.from) &&
    (!filters.to || p.procedureDate <= filters.to) &&
    (!filters.diagnosis || p.diagnosis === filters.diagnosis) &&
    (riskBit === 0 || (p.riskMask & riskBit) !== 0) &&
    (filters.flag !== "exclude" || !p.priorTreatmentFlag) &&
    (filters.flag !== "only" || p.priorTreatmentFlag) &&
    (levels === null || levels.some((l) => `,${p.levels},`.includes(l)));
}
