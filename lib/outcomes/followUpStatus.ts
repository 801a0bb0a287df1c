/**
 * Whether a procedure's patient is still expected at follow-up (domain brief: completeness is computed over
 * those still expected at a timepoint; the others are shown apart, never silently dropped). One rule, used by the
 * home page's completeness, the dashboard's, the JSON API and the worklist.
 */
import type { ContactOutcome, InactiveFollowUpStatus } from "@/db/enums";
import { epochDay } from "./dates";
import type { TimepointWindow } from "./timepoints";

export type FollowUpStatusMark = { status: InactiveFollowUpStatus; date: string };
export type NotExpectedCounts = Record<InactiveFollowUpStatus, number>;

export const noneNotExpected = (): NotExpectedCounts => ({ lost: 0, withdrawn: 0, deceased: 0 });

/**
 * Why a procedure is not expected at a timepoint, or null when it is. An assessment done there always counts
 * (it happened); otherwise a procedure lost, withdrawn or deceased on or before the window's last day is no
 * longer expected there. A status that began after the window closed leaves that timepoint expected: it was
 * missed while the patient was still followed.
 */
export function notExpectedAt(
  mark: FollowUpStatusMark | null,
  procedureDate: string,
  window: TimepointWindow,
  assessed: boolean,
): InactiveFollowUpStatus | null {
  return notExpectedOnDays(mark, mark && epochDay(mark.date), epochDay(procedureDate), window, assessed);
}

/** notExpectedAt on day numbers (`markDay` the mark's, read once per procedure), for a pass over a whole practice. */
export function notExpectedOnDays(
  mark: FollowUpStatusMark | null,
  markDay: number | null,
  procedureDay: number,
  window: TimepointWindow,
  assessed: boolean,
): InactiveFollowUpStatus | null {
  if (assessed || mark === null || markDay === null) return null;
  return markDay <= procedureDay + window.to ? mark.status : null;
}

/** How many failed contact attempts in a row make "lost to follow-up" available; FOLLOW_UP_LOST_AFTER_ATTEMPTS, default 3. */
export function lostAfterAttempts(): number {
  const n = Number(process.env.FOLLOW_UP_LOST_AFTER_ATTEMPTS || 3);
  return Number.isInteger(n) && n >= 1 && n <= 20 ? n : 3;
}

/** Every outcome but reaching the patient is a failed attempt. */
export const isFailedContact = (outcome: ContactOutcome) => outcome !== "reached";

/** Failed attempts since the patient was last reached (attempts in date order, then entry order). */
export function failedAttemptsInARow(attempts: readonly { outcome: ContactOutcome }[]): number {
  let n = 0;
  for (const a of attempts) n = isFailedContact(a.outcome) ? n + 1 : 0;
  return n;
}

/** "1st", "2nd", "3rd", "4th", … "11th", "12th", "13th", "21st". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th"}`;
}

/** "12 lost, 3 withdrawn, 2 deceased — not expected", or null when every procedure is still expected. */
export function describeNotExpected(counts: NotExpectedCounts): string | null {
  const parts = notExpectedParts(counts);
  return parts.length ? `${parts.join(", ")} — not expected` : null;
}

/** ["12 lost", "3 withdrawn", "2 deceased"], leaving out the statuses with none. */
export function notExpectedParts(counts: NotExpectedCounts): string[] {
  return [
    counts.lost ? `${counts.lost.toLocaleString("en-GB")} lost` : null,
    counts.withdrawn ? `${counts.withdrawn.toLocaleString("en-GB")} withdrawn` : null,
    counts.deceased ? `${counts.deceased.toLocaleString("en-GB")} deceased` : null,
  ].filter((p): p is string => p !== null);
}
