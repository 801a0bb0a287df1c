/**
 * When staff are told (issue 18 item 5), as pure rules over facts the data layer reads: a serious complication
 * (Clavien–Dindo III or worse, death, or marked serious — the like-for-like severity, whatever its relatedness:
 * the quality officer judges that), a report waiting for adjudication longer than ALERT_REVIEW_WAIT_DAYS, a
 * physician's Bernoulli CUSUM signalling. Each event has one key, so it is told once to each recipient.
 */
import { isSeriousEvent } from "./complicationDefinition";
import { addDaysIso, displayDate } from "./dates";

export type AlertDraft = {
  kind: "serious_complication" | "cusum_signal" | "review_overdue";
  dedupeKey: string;
  title: string;
  body: string;
  /** Where a quality officer opens it (the review page, the quality page's CUSUM). */
  link: string;
  /** Where the physician concerned opens it: a page they may see (the procedure, their outcomes); null when they are not told. */
  physicianLink: string | null;
};

/** Days a report may wait for adjudication before the quality officers are reminded: ALERT_REVIEW_WAIT_DAYS, default 14. */
export function reviewWaitDays(): number {
  const n = Number(process.env.ALERT_REVIEW_WAIT_DAYS || 14);
  return Number.isInteger(n) && n >= 1 && n <= 365 ? n : 14;
}

export type ReportedComplication = {
  id: number;
  procedureId: number;
  typeLabel: string;
  onsetDate: string;
  grade: number;
  serious: boolean;
  fatal: boolean;
  physicianName: string;
};

export function seriousComplicationAlert(c: ReportedComplication): AlertDraft | null {
  if (!isSeriousEvent({ serious: c.serious, fatal: c.fatal }, c.grade)) return null;
  const what = c.fatal ? "death" : c.grade >= 3 ? `Clavien–Dindo grade ${["", "I", "II", "III", "IV", "V"][c.grade] ?? c.grade}` : "marked serious";
  return {
    kind: "serious_complication",
    dedupeKey: `serious:${c.id}`,
    title: `Serious complication reported: ${c.typeLabel}`,
    body: `${c.typeLabel} (${what}), onset ${displayDate(c.onsetDate)}, after procedure ${c.procedureId} by ${c.physicianName}. It waits for adjudication.`,
    link: `/quality/review/${c.id}`,
    physicianLink: `/procedures/${c.procedureId}`,
  };
}

export type WaitingReport = { id: number; procedureId: number; typeLabel: string; reportedOn: string; physicianName: string };

/** A report still pending (or awaiting more information) more than `days` after it was filed, as of `today`. */
export function reviewOverdueAlert(r: WaitingReport, today: string, days = reviewWaitDays()): AlertDraft | null {
  if (r.reportedOn > addDaysIso(today, -days)) return null;
  return {
    kind: "review_overdue",
    dedupeKey: `review-overdue:${r.id}`,
    title: `Waiting for adjudication more than ${days} days: ${r.typeLabel}`,
    body: `${r.typeLabel} after procedure ${r.procedureId} by ${r.physicianName}, reported ${displayDate(r.reportedOn)}, is not yet adjudicated.`,
    link: `/quality/review/${r.id}`,
    physicianLink: null,
  };
}

export type CusumState = { physicianId: number; physicianName: string; firstSignalDate: string | null; procedures: number };

/** A physician whose CUSUM has signalled: told once per signal (its date is part of the key). */
export function cusumSignalAlert(s: CusumState): AlertDraft | null {
  if (!s.firstSignalDate) return null;
  return {
    kind: "cusum_signal",
    dedupeKey: `cusum:${s.physicianId}:${s.firstSignalDate}`,
    title: `CUSUM signal: ${s.physicianName}`,
    body: `The complication CUSUM of ${s.physicianName} crossed its limit at the procedure of ${displayDate(s.firstSignalDate)} (${s.procedures.toLocaleString("en-GB")} procedures charted). Review the chart and the cases.`,
    link: `/quality?cusum=${s.physicianId}`,
    physicianLink: "/outcomes",
  };
}
