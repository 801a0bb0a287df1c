import "server-only";
import { and, count, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessments, followUpStatuses, procedures } from "@/db/schema";
import { addDaysIso } from "@/lib/outcomes/dates";
import { noneNotExpected, notExpectedAt, type FollowUpStatusMark, type NotExpectedCounts } from "@/lib/outcomes/followUpStatus";
import { SCHEDULE, type ScheduledTimepoint, type TimepointWindow } from "@/lib/outcomes/timepoints";
import { stillFollowed } from "@/lib/dal/records/followUpSql";
import type { Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";

/**
 * eligible: procedures still expected at the timepoint whose window has closed; done: those assessed there, of
 * which byPatient answered from their invitation link (the rest were entered by the clinic); notExpected: the
 * others, apart.
 */
export type Completeness = { timepoint: ScheduledTimepoint; eligible: number; done: number; byPatient: number; notExpected: NotExpectedCounts };

/** A condition (not a value): used only inside `case when` and `not`, so it is a boolean on both backends. */
export const hasAssessmentAt = (timepoint: ScheduledTimepoint) =>
  sql`exists (select 1 from ${assessments} a where a.procedure_id = ${procedures.id} and a.timepoint = ${timepoint})`;
/** The same, answered by the patient from a link (a patient's answer at a timepoint the clinic had filled is kept apart as unscheduled). */
const hasPatientAssessmentAt = (timepoint: ScheduledTimepoint) =>
  sql`exists (select 1 from ${assessments} a where a.procedure_id = ${procedures.id} and a.timepoint = ${timepoint} and a.source = 'patient')`;

export const counted = <T extends number | null>(v: T) => Number(v ?? 0);

/** assessed: each timepoint assessed, with who entered it. */
type MarkedProcedure = { physicianId: number; procedureDate: string; mark: FollowUpStatusMark; assessed: Map<string, "clinic" | "patient"> };

/**
 * The procedures in scope with a lost / withdrawn / deceased mark, with the timepoints assessed: few, so the rule
 * of lib/outcomes/followUpStatus.ts is applied to them here, in the same code as the dashboard's.
 */
export async function markedProcedures(scope: SQL | undefined): Promise<MarkedProcedure[]> {
  const db = getDb();
  const rows = await db
    .select({
      id: procedures.id,
      physicianId: procedures.physicianId,
      procedureDate: procedures.procedureDate,
      status: followUpStatuses.status,
      date: followUpStatuses.statusDate,
    })
    .from(procedures)
    .innerJoin(followUpStatuses, eq(followUpStatuses.procedureId, procedures.id))
    .where(scope);
  const assessed = new Map<number, Map<string, "clinic" | "patient">>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    for (const a of await db
      .select({ procedureId: assessments.procedureId, timepoint: assessments.timepoint, source: assessments.source })
      .from(assessments)
      .where(inArray(assessments.procedureId, ids)))
      assessed.set(a.procedureId, (assessed.get(a.procedureId) ?? new Map()).set(a.timepoint, a.source));
  }
  return rows.map((r) => ({
    physicianId: r.physicianId,
    procedureDate: r.procedureDate,
    mark: { status: r.status, date: r.date },
    assessed: assessed.get(r.id) ?? new Map(),
  }));
}

/** Adds the marked procedures whose window for `w` has closed: still expected (eligible, maybe done) or counted apart. */
export function addMarked(row: Omit<Completeness, "timepoint">, marked: readonly MarkedProcedure[], w: TimepointWindow, today: string) {
  const closedBy = addDaysIso(today, -w.to);
  for (const m of marked) {
    if (m.procedureDate > closedBy) continue;
    const assessed = m.assessed.has(w.timepoint);
    const reason = notExpectedAt(m.mark, m.procedureDate, w, assessed);
    if (reason) row.notExpected[reason]++;
    else {
      row.eligible++;
      if (assessed) row.done++;
      if (m.assessed.get(w.timepoint) === "patient") row.byPatient++;
    }
  }
}

/**
 * Follow-up completeness: among procedures still expected at a timepoint whose window has closed, the share
 * assessed there; lost, withdrawn and deceased patients no longer expected are counted apart.
 */
export async function completeness(principal: Principal, today: string): Promise<Completeness[]> {
  const db = getDb();
  const marked = await markedProcedures(procedureScope(principal));
  const rows: Completeness[] = [];
  for (const w of SCHEDULE) {
    const [row] = await db
      .select({
        eligible: count(),
        done: sql<number | null>`sum(case when ${hasAssessmentAt(w.timepoint)} then 1 else 0 end)`,
        byPatient: sql<number | null>`sum(case when ${hasPatientAssessmentAt(w.timepoint)} then 1 else 0 end)`,
      })
      .from(procedures)
      .where(and(procedureScope(principal), stillFollowed, lte(procedures.procedureDate, addDaysIso(today, -w.to))));
    const c: Completeness = {
      timepoint: w.timepoint,
      eligible: counted(row?.eligible ?? 0),
      done: counted(row?.done ?? 0),
      byPatient: counted(row?.byPatient ?? 0),
      notExpected: noneNotExpected(),
    };
    addMarked(c, marked, w, today);
    rows.push(c);
  }
  return rows;
}
