import { summariseDurability } from "./durability";
import { sameScores, summariseTrajectories } from "./trajectories";
import { reliefSourceCounts, visitOnlyRelief } from "./reliefSources";
import { noneNotExpected, notExpectedOnDays } from "./followUpStatus";
import { kaplanMeier, logRank, pairedChange, responder, type KaplanMeierResult } from "@/lib/stats";
import { rMean } from "@/lib/stats/summation";
import type { ComplicationType } from "@/db/enums";
import {
  describeComplicationDefinition,
  shortComplicationDefinition,
  type ComplicationDefinition,
  type RelatednessKind,
} from "@/lib/outcomes/complicationDefinition";
import { epochDay } from "@/lib/outcomes/dates";
import { MCID_PRESETS, type McidPresetId } from "@/lib/outcomes/mcid";
import type { ReliefCriterion } from "@/lib/outcomes/relief";
import { SCHEDULE, TIMEPOINT_INDEX, type ScheduledTimepoint } from "@/lib/outcomes/timepoints";
import { complicationRateSummary } from "@/lib/outcomes/verdict";
import { type CohortAssessment, type CohortProcedure, type OutcomeCohort } from "./cohort";
import {
  MEASURES,
  MIN_PATIENTS_FOR_ESTIMATE,
  rateOf,
  allGradeRate,
  type ComplicationSummary,
  type ChangeRow,
  type CountRow,
  type FollowUpCompleteness,
  type MeasureKey,
  type HeadlineSummary,
  type OutcomeSummary,
  withDetail,
  type ReliefCurve,
  type ReliefCurvePoint,
  type ResponderRow,
} from "./outcomeSummary";

const AT_RISK_DAYS = [0, 14, 42, 91, 182, 365, 730];

/** The Kaplan–Meier result drawn as cumulative relief (1 − S): the lower relief limit is 1 − the upper survival limit. */
export function reliefCurveFrom(label: string, times: number[], events: (0 | 1)[]): ReliefCurve | null {
  if (times.length === 0) return null;
  const km: KaplanMeierResult = kaplanMeier({ times, events, confLevel: 0.95 });
  const points: ReliefCurvePoint[] = [];
  if (km.rows[0].time > 0) points.push({ day: 0, relieved: 0, lower: 0, upper: 0, atRisk: times.length, events: 0, censored: 0 });
  for (const r of km.rows) {
    points.push({
      day: r.time,
      relieved: 1 - r.survival,
      lower: r.upper === null ? null : 1 - r.upper,
      upper: r.lower === null ? null : 1 - r.lower,
      atRisk: r.nRisk,
      events: r.nEvent,
      censored: r.nCensor,
    });
  }
  const lastDay = km.rows[km.rows.length - 1].time;
  const atRisk = AT_RISK_DAYS.filter((d) => d <= Math.max(lastDay, 14)).map((day) => {
    // Patients still followed and not yet relieved at `day`: those whose time is ≥ day.
    const row = km.rows.find((r) => r.time >= day);
    return { day, atRisk: row ? row.nRisk : 0 };
  });
  const nEvents = events.reduce<number>((s, e) => s + e, 0);
  return { label, n: times.length, events: nEvents, median: km.median, medianLower: km.medianLower, medianUpper: km.medianUpper, points, atRisk };
}

function summariseRelief(procs: readonly CohortProcedure[], criterion: ReliefCriterion): HeadlineSummary["relief"] {
  const times: number[] = [];
  const events: (0 | 1)[] = [];
  let noBaseline = 0;
  let noFollowUp = 0;
  for (const p of procs) {
    const r = p.relief;
    if ("excluded" in r) {
      if (r.excluded === "no-baseline") noBaseline++;
      else noFollowUp++;
      continue;
    }
    times.push(r.day);
    events.push(r.event);
  }
  const n = times.length;
  const tooFew = n < MIN_PATIENTS_FOR_ESTIMATE;
  // The median is always computed (the API reports it with its n); the UI shows neither curve nor median
  // below MIN_PATIENTS_FOR_ESTIMATE.
  const full = reliefCurveFrom("All", times, events);
  const curve = tooFew ? null : full;
  return {
    criterion: { id: criterion.id, label: criterion.label, description: criterion.description },
    n,
    events: events.reduce<number>((s, e) => s + e, 0),
    excluded: { noBaseline, noFollowUp },
    tooFew,
    median: full?.median ?? null,
    medianLower: full?.medianLower ?? null,
    medianUpper: full?.medianUpper ?? null,
    curve,
    sources: reliefSourceCounts(procs),
  };
}

function summariseComplications(procs: readonly CohortProcedure[], definition: ComplicationDefinition): ComplicationSummary {
  let events = 0;
  let reports = 0;
  const byType = new Map<ComplicationType, CountRow<ComplicationType>>();
  const byGrade = new Map<number, CountRow<number>>();
  const byRelatedness = new Map<RelatednessKind, CountRow<RelatednessKind>>();
  const bump = <K extends string | number>(m: Map<K, CountRow<K>>, key: K, newProcedure: boolean) => {
    const row = m.get(key) ?? { key, complications: 0, procedures: 0 };
    row.complications++;
    if (newProcedure) row.procedures++;
    m.set(key, row);
  };
  let allGradeEvents = 0;
  for (const p of procs) {
    if (p.hasAllGradeComplication) allGradeEvents++;
    if (!p.hasQualifyingComplication) continue;
    events++;
    const seen = { type: new Set<string>(), grade: new Set<number>(), rel: new Set<string>() };
    for (const c of p.complications) {
      reports++;
      bump(byType, c.type, !seen.type.has(c.type));
      bump(byGrade, c.grade, !seen.grade.has(c.grade));
      bump(byRelatedness, c.relatedness, !seen.rel.has(c.relatedness));
      seen.type.add(c.type);
      seen.grade.add(c.grade);
      seen.rel.add(c.relatedness);
    }
  }
  const sorted = <K extends string | number>(m: Map<K, CountRow<K>>) =>
    [...m.values()].sort((a, b) => b.complications - a.complications || String(a.key).localeCompare(String(b.key)));
  return {
    ...complicationRateSummary(events, procs.length),
    definition,
    description: describeComplicationDefinition(definition),
    shortDescription: shortComplicationDefinition(definition),
    reports,
    byType: sorted(byType),
    byGrade: [...byGrade.values()].sort((a, b) => a.key - b.key),
    byRelatedness: sorted(byRelatedness),
    allGrade: allGradeRate(allGradeEvents, procs.length, definition),
  };
}

/** Bit i set: the procedure has an assessment at SCHEDULE[i] (the baseline is bit 0). */
function timepointMask(p: CohortProcedure): number {
  let mask = p.baseline ? 1 : 0;
  for (const a of p.followUps) {
    const i = TIMEPOINT_INDEX.get(a.timepoint);
    if (i !== undefined) mask |= 1 << i;
  }
  return mask;
}

/**
 * Follow-up completeness: among procedures still expected at a timepoint whose window has closed, the share
 * assessed there; lost, withdrawn and deceased ones no longer expected counted apart (as on the home page).
 */
function followUpCompleteness(procs: readonly CohortProcedure[], today: string): FollowUpCompleteness[] {
  const todayDay = epochDay(today);
  const eligible = new Array<number>(SCHEDULE.length).fill(0);
  const done = new Array<number>(SCHEDULE.length).fill(0);
  const notExpected = SCHEDULE.map(noneNotExpected);
  // A practice has a few procedure dates per day: each date read once.
  const dayOf = new Map<string, number>();
  for (const p of procs) {
    let procedureDay = dayOf.get(p.procedureDate);
    if (procedureDay === undefined) dayOf.set(p.procedureDate, (procedureDay = epochDay(p.procedureDate)));
    const daysSince = todayDay - procedureDay;
    const mask = timepointMask(p);
    const status = p.followUpStatus ?? null;
    const statusDay = status && epochDay(status.date);
    for (let i = 0; i < SCHEDULE.length; i++) {
      if (daysSince < SCHEDULE[i].to) continue;
      const assessed = (mask & (1 << i)) !== 0;
      const reason = notExpectedOnDays(status, statusDay, procedureDay, SCHEDULE[i], assessed);
      if (reason) {
        notExpected[i][reason]++;
        continue;
      }
      eligible[i]++;
      if (assessed) done[i]++;
    }
  }
  return SCHEDULE.map((w, i) => ({
    timepoint: w.timepoint,
    eligible: eligible[i],
    done: done[i],
    rate: rateOf(done[i], eligible[i]),
    notExpected: notExpected[i],
  }));
}

function atTimepoint(p: CohortProcedure, t: ScheduledTimepoint): CohortAssessment | null {
  if (t === "baseline") return p.baseline;
  for (const a of p.followUps) if (a.timepoint === t) return a;
  return null;
}

const WIDTH = MEASURES.length;

/** The assessment's scores in MEASURES' order into `into` from `at`, NaN for a score not recorded (scores are finite). */
function putScores(a: CohortAssessment, into: Float64Array, at: number): void {
  into[at] = a.nprsBack ?? NaN;
  into[at + 1] = a.nprsLeg ?? NaN;
  into[at + 2] = a.odi ?? NaN;
  into[at + 3] = a.walkingMinutes ?? NaN;
  into[at + 4] = a.standingMinutes ?? NaN;
}

/**
 * Each measure's (baseline, timepoint `at`) pairs, in cohort order. The scores are read once into one array with plain
 * property reads, then each measure's pairs are counted and copied into arrays of that size: a read keyed by the
 * measure's name, or ten arrays grown by push to 50,000 values, cost more than the tests that read them.
 */
function pairedScores(procs: readonly CohortProcedure[], at: ScheduledTimepoint): Map<MeasureKey, { pre: number[]; post: number[] }> {
  const rows = new Float64Array(procs.length * 2 * WIDTH);
  let n = 0;
  for (const p of procs) {
    const later = p.baseline ? atTimepoint(p, at) : null;
    if (!later) continue;
    putScores(p.baseline!, rows, n * 2 * WIDTH);
    putScores(later, rows, n * 2 * WIDTH + WIDTH);
    n++;
  }
  return new Map(
    MEASURES.map((m, j) => {
      let count = 0;
      for (let r = 0; r < n; r++) if (!Number.isNaN(rows[r * 2 * WIDTH + j]! + rows[r * 2 * WIDTH + WIDTH + j]!)) count++;
      const pre = new Array<number>(count);
      const post = new Array<number>(count);
      for (let r = 0, k = 0; r < n; r++) {
        const b = rows[r * 2 * WIDTH + j]!;
        const a = rows[r * 2 * WIDTH + WIDTH + j]!;
        if (Number.isNaN(b + a)) continue;
        pre[k] = b;
        post[k++] = a;
      }
      return [m.key, { pre, post }];
    }),
  );
}

function pairedSummary(procs: readonly CohortProcedure[], at: ScheduledTimepoint): { change: ChangeRow[]; responders: ResponderRow[] } {
  const pairs = pairedScores(procs, at);
  const change: ChangeRow[] = MEASURES.map((m) => {
    const { pre, post } = pairs.get(m.key)!;
    if (pre.length === 0) return { measure: m, baselineMean: null, followUpMean: null, change: null };
    return { measure: m, baselineMean: rMean(pre), followUpMean: rMean(post), change: pairedChange({ pre, post, confLevel: 0.95 }) };
  });
  const responders: ResponderRow[] = MCID_PRESETS.map((preset) => {
    const { pre, post } = pairs.get(preset.measure)!;
    return { preset, result: pre.length ? responder({ pre, post, threshold: preset.threshold, mode: preset.mode, confLevel: 0.95 }) : null };
  });
  return { change, responders };
}

/**
 * How a caller keeps a part of the figures between computations: `compute()`, unless `reads` finds every procedure
 * of the view alike with the last time (lib/dal/outcomes/cohort.ts keptUnlessChanged). By default always computed.
 */
export type KeepPart = <T>(part: string, reads: (a: CohortProcedure, b: CohortProcedure) => boolean, compute: () => T) => T;
const computeEveryTime: KeepPart = (_part, _reads, compute) => compute();

// What each part of the headline reads from a procedure.
const samePatient = (a: CohortProcedure, b: CohortProcedure) => a.patientId === b.patientId;

/** Follow-up completeness: the procedure's date, which scheduled timepoints it has, and its follow-up mark. */
export function sameCompletenessInputs(a: CohortProcedure, b: CohortProcedure): boolean {
  const markA = a.followUpStatus ?? null;
  const markB = b.followUpStatus ?? null;
  if (markA === null || markB === null ? markA !== markB : markA.status !== markB.status || markA.date !== markB.date) return false;
  return a.procedureDate === b.procedureDate && timepointMask(a) === timepointMask(b);
}

/** Relief by Kaplan–Meier: the procedure's relief outcome, or why it is left out. */
export function sameReliefOutcome(a: CohortProcedure, b: CohortProcedure): boolean {
  const x = a.relief;
  const y = b.relief;
  if ("excluded" in x || "excluded" in y) return "excluded" in x && "excluded" in y && x.excluded === y.excluded;
  return x.event === y.event && x.day === y.day && x.source === y.source;
}

/** Change and responders at `at`: the baseline's and that timepoint's scores. */
export function samePairAt(at: ScheduledTimepoint): (a: CohortProcedure, b: CohortProcedure) => boolean {
  const scores = (x: CohortAssessment | null, y: CohortAssessment | null) => (x === null || y === null ? x === y : sameScores(x, y));
  return (a, b) => scores(a.baseline, b.baseline) && scores(a.baseline && atTimepoint(a, at), b.baseline && atTimepoint(b, at));
}

/** The complication summary: the two flags and each qualifying report's type, grade and relatedness. */
export function sameComplicationInputs(a: CohortProcedure, b: CohortProcedure): boolean {
  return (
    a.hasQualifyingComplication === b.hasQualifyingComplication &&
    a.hasAllGradeComplication === b.hasAllGradeComplication &&
    a.complications.length === b.complications.length &&
    a.complications.every((c, i) => {
      const d = b.complications[i]!;
      return c.type === d.type && c.grade === d.grade && c.relatedness === d.relatedness;
    })
  );
}

/**
 * The figures most cards and the API need, cheap to compute (counts, follow-up, relief by Kaplan–Meier, paired
 * change and responders at the view's timepoint, complications): computed and kept apart from the costlier parts
 * (summariseCohort) so the headline cards and the pooled comparison never wait for them. `keep` may hand out a
 * part's last result when the procedures are alike in what it reads.
 */
export function summariseHeadline(
  cohort: OutcomeCohort,
  view: { at: ScheduledTimepoint; mcid: McidPresetId },
  keep: KeepPart = computeEveryTime,
): HeadlineSummary {
  const procs = cohort.procedures;
  const patients = keep("patients", samePatient, () => {
    const ids = new Set<number>();
    for (const p of procs) ids.add(p.patientId);
    return ids.size;
  });
  const { change, responders } = keep(`paired:${view.at}`, samePairAt(view.at), () => pairedSummary(procs, view.at));

  // Cohort rows come in date order.
  return {
    procedures: procs.length,
    patients,
    firstDate: procs[0]?.procedureDate ?? null,
    lastDate: procs[procs.length - 1]?.procedureDate ?? null,
    // Windows close by the day: computed again each day.
    followUp: keep(`followUp:${cohort.today}`, sameCompletenessInputs, () => followUpCompleteness(procs, cohort.today)),
    relief: keep("relief", sameReliefOutcome, () => summariseRelief(procs, cohort.criterion)),
    at: view.at,
    change,
    responders,
    mcid: view.mcid,
    complications: keep("complications", sameComplicationInputs, () => summariseComplications(procs, cohort.definition)),
    outOfWindow: cohort.outOfWindow,
  };
}

/** The whole summary: the headline figures with the score trajectories, durability and the visit-only relief estimate. */
export function summariseCohort(cohort: OutcomeCohort, view: { at: ScheduledTimepoint; mcid: McidPresetId }): OutcomeSummary {
  return withDetail(summariseHeadline(cohort, view), {
    trajectories: summariseTrajectories(cohort.procedures),
    durability: summariseDurability(cohort.procedures),
    visitOnly: visitOnlyRelief(cohort.procedures),
  });
}

export type ComparisonGroup = { label: string; times: number[]; events: (0 | 1)[] };
export type ReliefComparison = {
  title: string;
  groups: (ReliefCurve | { label: string; n: number; events: number; tooFew: true })[];
  logRank: { chiSquare: number; df: number; pValue: number | null } | null;
};

/** Relief curves of two or more groups and the log-rank test between them. Groups under 10 are not drawn. */
export function compareRelief(title: string, groups: ComparisonGroup[]): ReliefComparison {
  const nonEmpty = groups.filter((g) => g.times.length > 0);
  const test = nonEmpty.length >= 2 ? logRank({ groups: nonEmpty.map((g) => ({ times: g.times, events: g.events })) }) : null;
  return {
    title,
    groups: groups.map((g) =>
      g.times.length < MIN_PATIENTS_FOR_ESTIMATE
        ? { label: g.label, n: g.times.length, events: g.events.reduce<number>((s, e) => s + e, 0), tooFew: true as const }
        : reliefCurveFrom(g.label, g.times, g.events)!,
    ),
    logRank: test ? { chiSquare: test.chiSquare, df: test.df, pValue: test.pValue } : null,
  };
}

/** Relief times and events of the procedures that enter the relief analysis. */
export function reliefGroup(label: string, procs: readonly CohortProcedure[]): ComparisonGroup {
  const times: number[] = [];
  const events: (0 | 1)[] = [];
  for (const p of procs) {
    if ("excluded" in p.relief) continue;
    times.push(p.relief.day);
    events.push(p.relief.event);
  }
  return { label, times, events };
}
