import "server-only";
import { and, asc, count, countDistinct, eq, gte, lte, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { complications, procedures, sites, users } from "@/db/schema";
import {
  allGradeDefinition,
  complicationFactsOf,
  complicationQualifies,
  DEFAULT_COMPLICATION_DEFINITION,
  describeComplicationDefinition,
  allGradeDifference,
} from "@/lib/outcomes/complicationDefinition";
import { addDaysIso, epochDay, todayIso } from "@/lib/outcomes/dates";
import { noneNotExpected } from "@/lib/outcomes/followUpStatus";
import { SCHEDULE } from "@/lib/outcomes/timepoints";
import { stillFollowed } from "@/lib/dal/records/followUpSql";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";
import { REPORT_FACT_COLUMNS } from "@/lib/dal/records/complicationContext";
import { addMarked, completeness, counted, hasAssessmentAt, markedProcedures, type Completeness } from "@/lib/dal/outcomes/homeCompleteness";

export type PhysicianRow = {
  id: number;
  name: string;
  site: string | null;
  procedures: number;
  /** Under the default (like-for-like) definition. */
  proceduresWithComplication: number;
  /** Under its all-grade companion. */
  proceduresWithAnyGradeComplication: number;
  pendingReview: number;
  followUp12m: { eligible: number; done: number };
};

export type HomeSummary = {
  /** own: a physician's procedures; sites: a coordinator's sites (follow-up only); all: QO and admin. */
  scope: "own" | "sites" | "all";
  today: string;
  procedures: number;
  patients: number;
  proceduresThisMonth: number;
  /**
   * Procedures with a complication under the default definition (the one the outcomes pages start from), and
   * under its all-grade companion (allGradeDefinition); null for a coordinator, who sees follow-up figures only
   * (outcomes are the physicians' and the quality officers').
   */
  proceduresWithComplication: number | null;
  proceduresWithAnyGradeComplication: number | null;
  /** The definition sentence of each count, and why they differ. */
  definition: string;
  allGradeDefinition: string;
  difference: string;
  complicationReports: number | null;
  pendingReview: number | null;
  followUp: Completeness[];
  openFollowUps: { due: number; overdue: number };
  physicians: PhysicianRow[] | null;
};

/** Timepoints whose window is open today and not yet assessed: due (before the nominal day) or overdue (after). */
async function openFollowUps(principal: Principal, today: string) {
  const db = getDb();
  let due = 0;
  let overdue = 0;
  for (const w of SCHEDULE) {
    if (w.timepoint === "baseline") continue;
    const n = async (from: number, to: number) => {
      const [row] = await db
        .select({ n: count() })
        .from(procedures)
        .where(
          and(
            procedureScope(principal),
            stillFollowed,
            gte(procedures.procedureDate, addDaysIso(today, -to)),
            lte(procedures.procedureDate, addDaysIso(today, -from)),
            sql`not ${hasAssessmentAt(w.timepoint)}`,
          ),
        );
      return counted(row?.n ?? 0);
    };
    due += await n(w.from, w.day);
    if (w.to > w.day) overdue += await n(w.day + 1, w.to);
  }
  return { due, overdue };
}

/**
 * Procedures with a complication under the default definition and under its all-grade companion, overall and
 * per physician: the report rows go through complicationQualifies, the one rule the outcomes pages use, so home
 * and the dashboard count alike.
 */
async function complicationCounts(scope: ReturnType<typeof procedureScope>) {
  const definition = DEFAULT_COMPLICATION_DEFINITION;
  const allGrade = allGradeDefinition(definition);
  const rows = await getDb()
    .select({
      procedureId: complications.procedureId,
      physicianId: procedures.physicianId,
      procedureDate: procedures.procedureDate,
      ...REPORT_FACT_COLUMNS,
    })
    .from(complications)
    .innerJoin(procedures, eq(procedures.id, complications.procedureId))
    .where(scope);
  const serious = new Map<number, number>();
  const any = new Map<number, number>();
  for (const r of rows) {
    const facts = complicationFactsOf(r, epochDay(r.onsetDate) - epochDay(r.procedureDate));
    if (complicationQualifies(definition, facts)) serious.set(r.procedureId, r.physicianId);
    if (complicationQualifies(allGrade, facts)) any.set(r.procedureId, r.physicianId);
  }
  const perPhysician = (m: Map<number, number>) => {
    const out = new Map<number, number>();
    for (const physicianId of m.values()) out.set(physicianId, (out.get(physicianId) ?? 0) + 1);
    return out;
  };
  return { serious: serious.size, any: any.size, seriousBy: perPhysician(serious), anyBy: perPhysician(any) };
}

export async function getHomeSummary(principal: Principal, today = todayIso()): Promise<HomeSummary> {
  const db = getDb();
  const scope = procedureScope(principal);
  const [totals] = await db
    .select({ procedures: count(), patients: countDistinct(procedures.patientId) })
    .from(procedures)
    .where(scope);
  const [thisMonth] = await db
    .select({ n: count() })
    .from(procedures)
    .where(and(scope, gte(procedures.procedureDate, today.slice(0, 8) + "01"), lte(procedures.procedureDate, today)));
  const counts = await complicationCounts(scope);
  const [comp] = await db
    .select({
      reports: count(),
      pending: sql<number | null>`sum(case when ${complications.adjudicationStatus} in ('pending', 'needs_info') then 1 else 0 end)`,
    })
    .from(complications)
    .innerJoin(procedures, eq(procedures.id, complications.procedureId))
    .where(scope);

  let physicianRows: PhysicianRow[] | null = null;
  if (canSeeAllPhysicians(principal)) {
    const perPhysician = await db
      .select({
        id: users.id,
        name: users.name,
        site: sites.name,
        procedures: sql<number>`(select count(*) from ${procedures} p where p.physician_id = ${users.id})`,
        pending: sql<number>`(select count(*) from ${complications} c join ${procedures} p on p.id = c.procedure_id where p.physician_id = ${users.id} and c.adjudication_status in ('pending', 'needs_info'))`,
      })
      .from(users)
      .leftJoin(sites, eq(sites.id, users.siteId))
      .where(eq(users.role, "physician"))
      .orderBy(asc(users.name), asc(users.id));
    const w12 = SCHEDULE.find((w) => w.timepoint === "month_12")!;
    const cutoff = addDaysIso(today, -w12.to);
    const followUp = await db
      .select({
        physicianId: procedures.physicianId,
        eligible: count(),
        done: sql<number | null>`sum(case when ${hasAssessmentAt("month_12")} then 1 else 0 end)`,
      })
      .from(procedures)
      .where(and(stillFollowed, lte(procedures.procedureDate, cutoff)))
      .groupBy(procedures.physicianId);
    const byPhysician = new Map(followUp.map((f) => [f.physicianId, { eligible: counted(f.eligible), done: counted(f.done) }]));
    const marked = await markedProcedures(undefined);
    for (const m of marked) {
      const row = byPhysician.get(m.physicianId) ?? { eligible: 0, done: 0 };
      const c = { eligible: row.eligible, done: row.done, byPatient: 0, notExpected: noneNotExpected() };
      addMarked(c, [m], w12, today);
      byPhysician.set(m.physicianId, { eligible: c.eligible, done: c.done });
    }
    physicianRows = perPhysician.map((p) => ({
      id: p.id,
      name: p.name,
      site: p.site,
      procedures: counted(p.procedures),
      proceduresWithComplication: counts.seriousBy.get(p.id) ?? 0,
      proceduresWithAnyGradeComplication: counts.anyBy.get(p.id) ?? 0,
      pendingReview: counted(p.pending),
      followUp12m: { eligible: byPhysician.get(p.id)?.eligible ?? 0, done: byPhysician.get(p.id)?.done ?? 0 },
    }));
  }

  const outcomesShown = principal.role !== "coordinator";
  return {
    scope: canSeeAllPhysicians(principal) ? "all" : principal.role === "coordinator" ? "sites" : "own",
    today,
    procedures: counted(totals?.procedures ?? 0),
    patients: counted(totals?.patients ?? 0),
    proceduresThisMonth: counted(thisMonth?.n ?? 0),
    proceduresWithComplication: outcomesShown ? counts.serious : null,
    proceduresWithAnyGradeComplication: outcomesShown ? counts.any : null,
    definition: describeComplicationDefinition(DEFAULT_COMPLICATION_DEFINITION),
    allGradeDefinition: describeComplicationDefinition(allGradeDefinition(DEFAULT_COMPLICATION_DEFINITION)),
    difference: allGradeDifference(DEFAULT_COMPLICATION_DEFINITION),
    complicationReports: outcomesShown ? counted(comp?.reports ?? 0) : null,
    pendingReview: outcomesShown ? counted(comp?.pending ?? 0) : null,
    followUp: await completeness(principal, today),
    openFollowUps: await openFollowUps(principal, today),
    physicians: physicianRows,
  };
}
