import "server-only";
import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessments, complications, patients, procedures, sites, users } from "@/db/schema";
import { daysBetween, todayIso } from "@/lib/outcomes/dates";
import { followUpState, SCHEDULE, type FollowUpState, type ScheduledTimepoint } from "@/lib/outcomes/timepoints";
import type { ProcedureListQuery } from "@/lib/validation/procedureList";
import { containsText, idEquals } from "@/lib/dal/filters";
import { hasDue, hasMissed, hasOverdue, upToDate } from "@/lib/dal/records/followUpSql";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";

export type ProcedureListRow = {
  id: number;
  procedureDate: string;
  patientId: number;
  patientName: string;
  mrn: string;
  physicianName: string;
  siteName: string;
  levels: string;
  diagnosis: string;
  priorTreatmentFlag: boolean;
  complicationCount: number;
  /** the most urgent open or missed timepoint, for the follow-up column */
  followUp: { timepoint: ScheduledTimepoint; state: FollowUpState } | null;
  missedCount: number;
};

/** How many complications were reported for the procedure of the row, as a column of a procedures query. */
export const complicationCount = sql<number>`(select count(*) from ${complications} c where c.procedure_id = ${procedures.id})`.mapWith(Number);

/** The WHERE of a procedure view: the principal's scope first, then the filters. Shared by list and export. */
export function procedureFilterWhere(principal: Principal, q: Partial<ProcedureListQuery>, today = todayIso()): SQL | undefined {
  const text = q.q?.trim();
  return and(
    procedureScope(principal),
    // Physicians see only their own procedures anyway; the physician filter is for those who see everyone.
    q.physician && canSeeAllPhysicians(principal) ? idEquals(procedures.physicianId, q.physician) : undefined,
    q.site ? idEquals(procedures.siteId, q.site) : undefined,
    q.from ? gte(procedures.procedureDate, q.from) : undefined,
    q.to ? lte(procedures.procedureDate, q.to) : undefined,
    q.diagnosis ? eq(patients.diagnosis, q.diagnosis) : undefined,
    q.flag ? eq(procedures.priorTreatmentFlag, q.flag === "1") : undefined,
    q.complication === "1" ? sql`exists (select 1 from ${complications} c where c.procedure_id = ${procedures.id})` : undefined,
    q.complication === "0" ? sql`not exists (select 1 from ${complications} c where c.procedure_id = ${procedures.id})` : undefined,
    q.followUp === "overdue" ? hasOverdue(today) : undefined,
    q.followUp === "due" ? hasDue(today) : undefined,
    q.followUp === "missed" ? hasMissed(today) : undefined,
    q.followUp === "up_to_date" ? upToDate(today) : undefined,
    text ? containsText([patients.mrn, patients.name], text) : undefined,
  );
}

const SORT_COLUMNS = {
  date: procedures.procedureDate,
  patient: patients.name,
  physician: users.name,
  site: sites.name,
  complications: complicationCount,
} as const;

const URGENCY: Record<FollowUpState, number> = { overdue: 0, due: 1, missed: 2, not_yet_due: 3, done: 4 };

export async function listProcedures(principal: Principal, q: ProcedureListQuery, today = todayIso()) {
  const db = getDb();
  const where = procedureFilterWhere(principal, q, today);
  const needsPatientJoin = Boolean(q.diagnosis || q.q);
  const countQuery = db.select({ n: count() }).from(procedures);
  const [counted] = await (needsPatientJoin ? countQuery.innerJoin(patients, eq(patients.id, procedures.patientId)) : countQuery).where(where);
  const total = counted?.n ?? 0;

  const sortColumn = SORT_COLUMNS[q.sort];
  const order = q.dir === "asc" ? [asc(sortColumn), asc(procedures.id)] : [desc(sortColumn), desc(procedures.id)];
  const rows = await db
    .select({
      id: procedures.id,
      procedureDate: procedures.procedureDate,
      patientId: procedures.patientId,
      patientName: patients.name,
      mrn: patients.mrn,
      physicianName: users.name,
      siteName: sites.name,
      levels: procedures.levels,
      diagnosis: patients.diagnosis,
      priorTreatmentFlag: procedures.priorTreatmentFlag,
      complicationCount,
    })
    .from(procedures)
    .innerJoin(patients, eq(patients.id, procedures.patientId))
    .innerJoin(users, eq(users.id, procedures.physicianId))
    .innerJoin(sites, eq(sites.id, procedures.siteId))
    .where(where)
    .orderBy(...order)
    .limit(q.size)
    .offset((q.page - 1) * q.size);

  // Follow-up states for just this page: one query for the page's assessments.
  const done = new Map<number, Set<string>>();
  if (rows.length) {
    const pageAssessments = await db
      .select({ procedureId: assessments.procedureId, timepoint: assessments.timepoint })
      .from(assessments)
      .where(
        inArray(
          assessments.procedureId,
          rows.map((r) => r.id),
        ),
      );
    for (const a of pageAssessments) {
      if (!done.has(a.procedureId)) done.set(a.procedureId, new Set());
      done.get(a.procedureId)!.add(a.timepoint);
    }
  }
  const result: ProcedureListRow[] = rows.map((r) => {
    const days = daysBetween(r.procedureDate, today);
    const states = SCHEDULE.map((w) => ({ timepoint: w.timepoint, state: followUpState(w.timepoint, days, done.get(r.id)?.has(w.timepoint) ?? false) }));
    const open = states.filter((s) => s.state !== "done" && s.state !== "not_yet_due").sort((a, b) => URGENCY[a.state] - URGENCY[b.state]);
    return { ...r, followUp: open[0] ?? null, missedCount: states.filter((s) => s.state === "missed").length };
  });
  return { total, rows: result };
}

/** Options for the list's filter bar, limited to what the principal may see. */
export async function listFilterOptions(principal: Principal) {
  const db = getDb();
  const siteOptions = await db.select({ id: sites.id, name: sites.name }).from(sites).orderBy(asc(sites.name), asc(sites.id));
  const physicianOptions = canSeeAllPhysicians(principal)
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.role, "physician")).orderBy(asc(users.name), asc(users.id))
    : [];
  return { sites: siteOptions, physicians: physicianOptions };
}
