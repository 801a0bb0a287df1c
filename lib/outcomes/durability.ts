/**
 * Durability: freedom from subsequent lumbar surgery over time (domain brief: the long-term outcome MILD studies
 * report). Kaplan–Meier (lib/stats, checked against R's survfit with conf.type = "log"): the event is the first
 * lumbar surgery after the procedure, of any kind; a patient without one is censored at their last follow-up
 * assessment. Procedures with neither a follow-up assessment nor a surgery have no follow-up time and are counted
 * apart.
 */
import { SUBSEQUENT_SURGERY_TYPES, type SubsequentSurgeryType } from "@/db/enums";
import { kaplanMeier } from "@/lib/stats";
import type { CohortProcedure } from "./cohort";
import { MIN_PATIENTS_FOR_ESTIMATE } from "./outcomeSummary";

/** 6, 12 and 24 months, as the MILD durability reports give them. */
export const DURABILITY_DAYS = [
  { day: 182, label: "6 months" },
  { day: 365, label: "12 months" },
  { day: 730, label: "24 months" },
] as const;

export type DurabilityPoint = { day: number; free: number; lower: number | null; upper: number | null; atRisk: number; events: number; censored: number };
export type DurabilityAt = {
  day: number;
  label: string;
  /** Kaplan–Meier proportion free of subsequent surgery with its 95 % CI; null when nobody was followed that long. */
  free: number | null;
  lower: number | null;
  upper: number | null;
  /** Patients followed to at least this day without a subsequent surgery before it. */
  atRisk: number;
};
export type DurabilitySummary = {
  /** Procedures with follow-up time (the analysis's n) and the first surgeries among them. */
  n: number;
  events: number;
  /** Procedures without any follow-up assessment or surgery yet. */
  noFollowUp: number;
  tooFew: boolean;
  byType: { type: SubsequentSurgeryType; n: number }[];
  points: DurabilityPoint[];
  at: DurabilityAt[];
};

export const DURABILITY_DEFINITION =
  "Event: the first lumbar surgery after the procedure (reoperation at the treated levels, laminectomy, fusion, another MILD or other); without one, censored at the last follow-up assessment.";

/** One procedure's time and event: days to the first surgery (event), else to the last follow-up assessment (censored). */
export function durabilityTime(p: Pick<CohortProcedure, "followUps" | "firstSubsequentSurgery">): { time: number; event: 0 | 1 } | null {
  if (p.firstSubsequentSurgery) return { time: p.firstSubsequentSurgery.day, event: 1 };
  let last = -1;
  for (const a of p.followUps) if (a.day > last) last = a.day;
  return last > 0 ? { time: last, event: 0 } : null;
}

/** Whether summariseDurability reads the same from two versions of one procedure: its time and event, and the surgery's type. */
export function sameDurabilityInput(a: CohortProcedure, b: CohortProcedure): boolean {
  const before = durabilityTime(a);
  const now = durabilityTime(b);
  if (before === null || now === null ? before !== now : before.time !== now.time || before.event !== now.event) return false;
  return a.firstSubsequentSurgery?.type === b.firstSubsequentSurgery?.type;
}

export function summariseDurability(procs: readonly Pick<CohortProcedure, "followUps" | "firstSubsequentSurgery">[]): DurabilitySummary {
  const times: number[] = [];
  const events: (0 | 1)[] = [];
  const byType = new Map<SubsequentSurgeryType, number>();
  let noFollowUp = 0;
  for (const p of procs) {
    const te = durabilityTime(p);
    if (!te) {
      noFollowUp++;
      continue;
    }
    times.push(te.time);
    events.push(te.event);
    if (p.firstSubsequentSurgery) byType.set(p.firstSubsequentSurgery.type, (byType.get(p.firstSubsequentSurgery.type) ?? 0) + 1);
  }
  const n = times.length;
  const nEvents = events.reduce<number>((s, e) => s + e, 0);
  const types = SUBSEQUENT_SURGERY_TYPES.filter((t) => byType.has(t)).map((t) => ({ type: t, n: byType.get(t)! }));
  if (n === 0)
    return {
      n,
      events: 0,
      noFollowUp,
      tooFew: true,
      byType: types,
      points: [],
      at: DURABILITY_DAYS.map((d) => ({ ...d, free: null, lower: null, upper: null, atRisk: 0 })),
    };

  const km = kaplanMeier({ times, events, confLevel: 0.95 });
  const points: DurabilityPoint[] = [];
  if (km.rows[0]!.time > 0) points.push({ day: 0, free: 1, lower: 1, upper: 1, atRisk: n, events: 0, censored: 0 });
  for (const r of km.rows)
    points.push({ day: r.time, free: r.survival, lower: r.lower, upper: r.upper, atRisk: r.nRisk, events: r.nEvent, censored: r.nCensor });

  const at = DURABILITY_DAYS.map(({ day, label }): DurabilityAt => {
    // At risk at `day`: times ≥ day (the first row at or after it holds exactly those).
    const atRisk = km.rows.find((r) => r.time >= day)?.nRisk ?? 0;
    if (atRisk === 0) return { day, label, free: null, lower: null, upper: null, atRisk };
    // The step function at `day`: the last row at or before it (none: no event yet, S = 1).
    let row: (typeof km.rows)[number] | null = null;
    for (const r of km.rows) {
      if (r.time > day) break;
      row = r;
    }
    return row ? { day, label, free: row.survival, lower: row.lower, upper: row.upper, atRisk } : { day, label, free: 1, lower: 1, upper: 1, atRisk };
  });
  return { n, events: nEvents, noFollowUp, tooFew: n < MIN_PATIENTS_FOR_ESTIMATE, byType: types, points, at };
}
