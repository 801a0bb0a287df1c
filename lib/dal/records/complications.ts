import "server-only";
import { transaction } from "@/db/client";
import type { Clock } from "@/lib/outcomes/dates";
import { checkComplication, rawField } from "@/lib/validation/recordRules";
import { parseRecordId } from "@/lib/validation/recordId";
import { loadOwnProcedure, loadVisibleComplication, nowIso } from "@/lib/dal/access";
import { ForbiddenError, ValidationError } from "@/lib/dal/errors";
import { acceptedOrThrow } from "@/lib/dal/parse";
import { siteToday } from "@/lib/dal/siteClock";
import { insertAudited, updateAudited } from "@/lib/dal/records/auditedWrite";
import type { Principal } from "@/lib/dal/principal";
import { onBehalfOfPhysician } from "@/lib/dal/onBehalfOf";
import { alertIfSerious } from "@/lib/dal/alerts/seriousComplication";

/** The report against the one rule set, with its procedure's date and its site's today: every problem at once. */
async function checkedComplication(input: unknown, procedure: { procedureDate: string; siteId: number } | null, clock: Clock) {
  const today = await siteToday(procedure?.siteId ?? null, clock);
  return acceptedOrThrow(checkComplication(input, { procedureDate: procedure?.procedureDate ?? null, today }));
}

/**
 * A physician reports a complication of their own procedure (a coordinator, of a procedure at their sites, on
 * its physician's behalf); it waits for a quality officer's adjudication.
 */
export async function reportComplication(principal: Principal, input: unknown, clock: Clock = new Date()) {
  return transaction(async (tx) => {
    const procedureId = parseRecordId(rawField(input, "procedureId"));
    const procedure = procedureId === null ? null : await loadOwnProcedure(principal, procedureId);
    const data = await checkedComplication(input, procedure, clock);
    const reported = await insertAudited(
      tx,
      principal,
      "complication",
      { ...data, reportedBy: principal.id, reportedAt: nowIso(), adjudicationStatus: "pending" },
      { action: "complication.report", onBehalfOf: procedure ? await onBehalfOfPhysician(principal, procedure.physicianId) : null },
    );
    await alertIfSerious(tx, reported);
    return reported;
  });
}

export async function getComplication(principal: Principal, id: number) {
  return loadVisibleComplication(principal, id);
}

/**
 * The reporter may correct a report until it is adjudicated. Correcting a report the quality officer asked
 * about ("needs information") sends it back to the review queue.
 */
export async function updateComplication(principal: Principal, id: number, input: unknown, clock: Clock = new Date()) {
  return transaction(async (tx) => {
    // Read inside the write: an adjudication cannot land between the "not yet adjudicated" check and this update.
    const before = await loadVisibleComplication(principal, id);
    const procedure = await loadOwnProcedure(principal, before.procedureId);
    if (before.adjudicationStatus === "confirmed" || before.adjudicationStatus === "rejected") {
      throw new ForbiddenError("This complication has been adjudicated; ask the quality officer to reopen it");
    }
    if (parseRecordId(rawField(input, "procedureId")) !== before.procedureId)
      throw new ValidationError({ procedureId: ["A complication cannot be moved to another procedure"] });
    const data = await checkedComplication(input, procedure, clock);
    const corrected = await updateAudited(
      tx,
      principal,
      "complication",
      before,
      { ...data, adjudicationStatus: "pending" },
      { onBehalfOf: await onBehalfOfPhysician(principal, procedure.physicianId) },
    );
    // A report corrected to a serious grade is told as a new one would be (once: its key is the report's).
    await alertIfSerious(tx, corrected);
    return corrected;
  });
}
