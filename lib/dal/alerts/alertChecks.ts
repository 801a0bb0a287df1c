import "server-only";
import { inArray } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { complications, procedures, users } from "@/db/schema";
import { COMPLICATION_TYPE_LABELS } from "@/lib/labels";
import { cusumSignalAlert, reviewOverdueAlert, type AlertDraft } from "@/lib/outcomes/alertRules";
import { serverTimeZone, todayOn } from "@/lib/outcomes/dates";
import { DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW } from "@/lib/outcomes/outcomeFilters";
import type { Principal } from "@/lib/dal/principal";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import { inProcedureContext } from "@/lib/dal/records/complicationContext";
import { alertRecipients, raiseAlert } from "./raiseAlert";

/**
 * The checks nothing else triggers, run by the server's background pass (lib/messaging/backgroundScheduler.ts)
 * and by `npm run messages:send`: reports waiting too long for adjudication, and physicians whose CUSUM has
 * signalled on the quality page's default view (the like-for-like definition, the published 0.1 %). Each event
 * is told once; running the checks again raises nothing new.
 */

/** The quality page's computation, run for the system (no user asked): it needs a principal who sees everyone. */
const SYSTEM: Principal = { id: 0, email: "system (alert checks)", name: "Alert checks", role: "quality_officer", siteId: null };

export type AlertCheckReport = { reviewOverdue: number; cusumSignals: number };

export async function runAlertChecks(now: Date = new Date()): Promise<AlertCheckReport> {
  const zone = serverTimeZone();
  const today = todayOn(now, zone);
  const waitingQuery = getDb()
    .select({
      id: complications.id,
      procedureId: complications.procedureId,
      type: complications.type,
      reportedAt: complications.reportedAt,
      physicianId: procedures.physicianId,
      physicianName: users.name,
    })
    .from(complications)
    .$dynamic();
  const waiting = await inProcedureContext(waitingQuery).where(inArray(complications.adjudicationStatus, ["pending", "needs_info"]));
  const drafts: { draft: AlertDraft; physicianId: number | null }[] = [];
  for (const w of waiting) {
    const draft = reviewOverdueAlert(
      {
        id: w.id,
        procedureId: w.procedureId,
        typeLabel: COMPLICATION_TYPE_LABELS[w.type],
        reportedOn: todayOn(new Date(w.reportedAt), zone),
        physicianName: w.physicianName,
      },
      today,
    );
    // Adjudication is the quality officers' work: the physician is not reminded of it.
    if (draft) drafts.push({ draft, physicianId: null });
  }
  const overview = await qualityOverview(SYSTEM, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, today);
  for (const p of overview.physicians) {
    const draft = cusumSignalAlert({ physicianId: p.id, physicianName: p.name, firstSignalDate: p.cusum.firstSignalDate, procedures: p.rate.procedures });
    if (draft) drafts.push({ draft, physicianId: p.id });
  }
  const report: AlertCheckReport = { reviewOverdue: 0, cusumSignals: 0 };
  for (const { draft, physicianId } of drafts) {
    const told = await transaction(async (tx) => raiseAlert(tx, draft, await alertRecipients(tx, physicianId), now));
    if (told > 0) report[draft.kind === "cusum_signal" ? "cusumSignals" : "reviewOverdue"]++;
  }
  return report;
}
