import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { appendAudit } from "@/lib/audit/appendAudit";
import { checkpointAuditLog } from "@/lib/dal/audit/auditCheckpoint";
import { actorOf } from "@/lib/dal/access";
import { definitionHeader } from "@/lib/csv/export/definition";
import { users } from "@/db/schema";
import { getAuthSecret } from "@/lib/auth/secret";
import { pseudonymizer } from "@/lib/csv/export/pseudonym";
import { openComplicationExport } from "@/lib/dal/csv/exportCohort";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import type { AdjustedComparison } from "@/lib/outcomes/adjustedModels";
import { assertOutcomeAccess } from "@/lib/dal/outcomes/cohort";
import { outcomePool, type PoolSummary } from "@/lib/dal/outcomes/dashboard";
import { summariseCohort } from "@/lib/outcomes/analysis";
import { outcomeCohort } from "@/lib/dal/outcomes/cohort";
import { offThread } from "@/lib/dal/outcomes/offThread";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import { siteDays } from "@/lib/dal/siteClock";
import { lastTwelveMonths, type ReportPeriod } from "@/lib/reports/reportHref";
import { NotFoundError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { cusumState, type CusumState } from "@/lib/outcomes/monitoring";
import {
  outcomeFiltersToQueryString,
  parseOutcomeFilters,
  parseOutcomeView,
  type OutcomeFilters,
  type OutcomeView,
  type SearchParamsInput,
} from "@/lib/outcomes/outcomeFilters";
import type { ChangeRow, OutcomeSummary } from "@/lib/outcomes/outcomeSummary";
import { SCHEDULED_TIMEPOINTS, type ScheduledTimepoint } from "@/lib/outcomes/timepoints";
import type { ExportComplication } from "@/lib/csv/export/exportRows";
import { epochDay } from "@/lib/outcomes/dates";

/**
 * The physician report card's figures (GET /api/reports/physician.pdf, and each PDF of physicians.zip). Nothing is
 * counted here: the summary is the dashboard's own (`summariseCohort` of `outcomeCohort`, exactly as the dashboard's
 * `outcomeSummary` and the JSON summary API compute it), the pooled practice is the dashboard's "vs the rest of the practice" (`outcomePool`), the
 * adjusted rows are the quality page's (`adjustedComparison`), the CUSUM state the quality page's (`cusumState`),
 * and the complication list is the de-identified complications export's rows (with its `inDefinition`).
 */

/** The report is always at 12 months (follow-up, responders, the adjusted models' outcomes). */
export const REPORT_TIMEPOINT: ScheduledTimepoint = "month_12";

/** One complication report, de-identified as the CSV export is (Safe Harbor: a keyed reference, the year, days). */
export type ReportComplication = {
  procedureRef: string;
  procedureYear: string;
  onsetDay: number;
  /** No free text ("other: …" stays out, as in the de-identified CSV). */
  type: string;
  /** The grade and relatedness in force: the adjudicator's where set, else the reporter's. */
  grade: number;
  relatedness: string;
  reportedGrade: number;
  reportedRelatedness: string;
  serious: boolean;
  status: ExportComplication["adjudicationStatus"];
  inDefinition: boolean;
};

export type PhysicianReport = {
  physician: { id: number; name: string };
  from: string;
  to: string;
  generatedOn: string;
  filters: OutcomeFilters;
  view: Pick<OutcomeView, "mcid" | "oddsRatio" | "threshold">;
  summary: OutcomeSummary;
  /** The other physicians pooled under the same filters (null only if the view were not about one physician). */
  pool: PoolSummary | null;
  /** Paired change from baseline at each follow-up timepoint. */
  changes: { timepoint: ScheduledTimepoint; rows: ChangeRow[] }[];
  adjusted: {
    complication: { model: AdjustedComparison["complication"]["model"]; row: AdjustedComparison["complication"]["rows"][number] | null };
    responder: { model: AdjustedComparison["responder"]["model"]; row: AdjustedComparison["responder"]["rows"][number] | null };
    odiChange: { model: AdjustedComparison["odiChange"]["model"]; row: AdjustedComparison["odiChange"]["rows"][number] | null };
    poolProcedures: number;
  };
  cusum: CusumState & { oddsRatio: number; threshold: number; procedures: number; events: number };
  complications: ReportComplication[];
};

export type ReportRequest = { filters: OutcomeFilters; view: Pick<OutcomeView, "mcid" | "oddsRatio" | "threshold"> };

export type ReportParse = { success: true; request: ReportRequest } | { success: false; fieldErrors: Record<string, string[]> };

/**
 * The dashboard's filters (strict, as the summary API: 400 naming the field) and its view's MCID and CUSUM settings
 * (lenient, as the dashboard). A report card is for a period: `from` and `to` are required; `physician` too unless
 * `needsPhysician` is false (the zip has one per physician).
 */
export function parseReportRequest(params: SearchParamsInput, needsPhysician: boolean): ReportParse {
  const parsed = parseOutcomeFilters(params);
  const fieldErrors: Record<string, string[]> = parsed.success ? {} : { ...parsed.fieldErrors };
  if (parsed.success) {
    const f = parsed.filters;
    if (needsPhysician && f.physician === undefined) fieldErrors.physician = ["is required: the physician the report card is for"];
    if (f.from === undefined) fieldErrors.from = ["is required: the first day of the period (YYYY-MM-DD)"];
    if (f.to === undefined) fieldErrors.to = ["is required: the last day of the period (YYYY-MM-DD)"];
  }
  if (!parsed.success || Object.keys(fieldErrors).length) return { success: false, fieldErrors };
  const view = parseOutcomeView(params);
  return { success: true, request: { filters: parsed.filters, view: { mcid: view.mcid, oddsRatio: view.oddsRatio, threshold: view.threshold } } };
}

/** The physicians with at least one procedure in the view, by name (the quality page's rows): the zip's contents. */
export async function reportPhysicians(principal: Principal, request: ReportRequest, today: string): Promise<{ id: number; name: string }[]> {
  const overview = await qualityOverview(principal, { ...request.filters, physician: undefined }, { limits: "target", ...request.view }, today);
  return overview.physicians.map((p) => ({ id: p.id, name: p.name }));
}

/**
 * The default period of each physician's report card: the last 12 months on their clinic's today (their site's
 * wall clock; the server's for a physician without a site).
 */
export async function defaultReportPeriods(): Promise<(physicianId: number) => ReportPeriod> {
  const days = await siteDays();
  const sitesOf = new Map(
    (await getDb().select({ id: users.id, siteId: users.siteId }).from(users).where(eq(users.role, "physician"))).map((u) => [u.id, u.siteId]),
  );
  return (physicianId) => {
    const site = sitesOf.get(physicianId);
    return lastTwelveMonths(site === null || site === undefined ? days.server : days.byId(site));
  };
}

async function physicianName(id: number): Promise<string> {
  const [row] = await getDb()
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.id, id), eq(users.role, "physician")))
    .limit(1);
  if (!row) throw new NotFoundError("Physician");
  return row.name;
}

async function reportComplications(principal: Principal, filters: OutcomeFilters): Promise<ReportComplication[]> {
  const session = await openComplicationExport(principal, { filters, identified: false });
  const refs = pseudonymizer(getAuthSecret());
  const out: ReportComplication[] = [];
  // The export's rows without its file: nothing is exported, so its audit (session.finish) is not written.
  for await (const batch of session.batches()) {
    for (const c of batch) {
      out.push({
        procedureRef: refs("procedure", c.procedureId),
        procedureYear: c.procedureDate.slice(0, 4),
        onsetDay: epochDay(c.onsetDate) - epochDay(c.procedureDate),
        type: c.type,
        grade: c.finalGrade ?? c.grade,
        relatedness: c.finalRelatedness ?? c.relatedness,
        reportedGrade: c.grade,
        reportedRelatedness: c.relatedness,
        serious: Boolean(c.serious),
        status: c.adjudicationStatus,
        inDefinition: c.inDefinition,
      });
    }
  }
  return out.sort((a, b) => a.procedureYear.localeCompare(b.procedureYear) || a.procedureRef.localeCompare(b.procedureRef) || a.onsetDay - b.onsetDay);
}

const FOLLOW_UP_TIMEPOINTS = SCHEDULED_TIMEPOINTS.filter((t) => t !== "baseline");

/**
 * The report's figures that come from the physician's cohort (the summary, the change at each timepoint, the CUSUM),
 * computed where the practice snapshot is kept — the figure worker when the server has one — so a report card never
 * reads the practice on the request thread.
 */
export const reportCohortFigures = offThread(
  "reportCohortFigures",
  async (principal: Principal, filters: OutcomeFilters, view: ReportRequest["view"], today: string) => {
    // The dashboard's and the summary API's own computation: their cohort, read once, summarised at each timepoint.
    const cohort = await outcomeCohort(principal, filters, today);
    const summary = summariseCohort(cohort, { at: REPORT_TIMEPOINT, mcid: view.mcid });
    const changes = FOLLOW_UP_TIMEPOINTS.map((t) => ({
      timepoint: t,
      rows: t === REPORT_TIMEPOINT ? summary.change : summariseCohort(cohort, { at: t, mcid: view.mcid }).change,
    }));
    const cusum = {
      ...cusumState(cohort.procedures, view),
      oddsRatio: view.oddsRatio,
      threshold: view.threshold,
      procedures: cohort.procedures.length,
      events: cohort.procedures.reduce((s, p) => s + (p.hasQualifyingComplication ? 1 : 0), 0),
    };
    return { summary, changes, cusum };
  },
);

/**
 * One physician's report card. Throws NotFoundError as the summary API answers 404 (a physician naming another, a
 * coordinator, an unknown id). `allAdjusted` is the adjusted comparison of every physician under the same filters,
 * fitted once by the zip rather than once per PDF.
 */
export async function physicianReport(principal: Principal, request: ReportRequest, today: string, allAdjusted?: AdjustedComparison): Promise<PhysicianReport> {
  const { filters, view } = request;
  if (filters.physician === undefined || !filters.from || !filters.to) throw new Error("physicianReport: parseReportRequest requires physician, from and to");
  await assertOutcomeAccess(principal, filters);
  const id = filters.physician;
  const name = await physicianName(id);
  const { summary, changes, cusum } = await reportCohortFigures(principal, filters, view, today);
  const pool = await outcomePool(principal, filters, { at: REPORT_TIMEPOINT, mcid: view.mcid }, today);
  const adjusted = allAdjusted ?? (await adjustedComparison(principal, filters, view.mcid, today));
  const mine = <T extends { physicianId: number }>(rows: T[]) => rows.find((r) => r.physicianId === id) ?? null;
  return {
    physician: { id, name },
    from: filters.from,
    to: filters.to,
    generatedOn: today,
    filters,
    view,
    summary,
    pool,
    changes,
    adjusted: {
      complication: { model: adjusted.complication.model, row: mine(adjusted.complication.rows) },
      responder: { model: adjusted.responder.model, row: mine(adjusted.responder.rows) },
      odiChange: { model: adjusted.odiChange.model, row: mine(adjusted.odiChange.rows) },
      poolProcedures: adjusted.poolProcedures,
    },
    cusum,
    complications: await reportComplications(principal, filters),
  };
}

/**
 * A report card (or the zip of them) is an export of figures about physicians: audited like the CSV exports (action,
 * parameters, how many), and the audit checkpoint outside the database moved on to the entry that records it.
 */
export async function auditReport(
  principal: Principal,
  what: { file: "physician.pdf"; physician: number } | { file: "physicians.zip"; physicians: number; completed: boolean },
  request: ReportRequest,
): Promise<void> {
  await transaction((tx) =>
    appendAudit(tx, {
      actor: actorOf(principal),
      action: what.file === "physician.pdf" ? "export.report_card" : "export.report_cards",
      entity: "export",
      entityId: what.file === "physician.pdf" ? what.physician : null,
      after: {
        ...what,
        filters: outcomeFiltersToQueryString(request.filters) || "(none)",
        definition: definitionHeader(request.filters.definition, request.filters.reliefCriterion),
        mcid: request.view.mcid,
      },
    }),
  );
  await checkpointAuditLog("export");
}
