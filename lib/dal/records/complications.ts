import "server-only";
import { eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { complications } from "@/db/schema";
import { todayIso } from "@/lib/outcomes/dates";
import { complicationDateProblems, problemsByField } from "@/lib/validation/recordDateRules";
import { complicationSchema, type ComplicationInput } from "@/lib/validation/records";
import { loadOwnProcedure, loadVisibleProcedure, nowIso } from "@/lib/dal/access";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import { parseInput, recordId } from "@/lib/dal/parse";
import { insertAudited, updateAudited } from "@/lib/dal/records/auditedWrite";
import type { Principal } from "@/lib/dal/principal";
import { onBehalfOfPhysician } from "@/lib/dal/onBehalfOf";

function checkDates(data: ComplicationInput, procedure: { procedureDate: string }) {
  const problems = complicationDateProblems(data, procedure.procedureDate, todayIso());
  if (problems.length) throw new ValidationError(problemsByField(problems));
}

/**
 * A physician reports a complication of their own procedure (a coordinator, of a procedure at their sites, on
 * its physician's behalf); it waits for a quality officer's adjudication.
 */
export async function reportComplication(principal: Principal, input: unknown) {
  const data = parseInput(complicationSchema, input);
  return transaction(async (tx) => {
    const procedure = await loadOwnProcedure(principal, data.procedureId);
    checkDates(data, procedure);
    return insertAudited(
      tx,
      principal,
      "complication",
      { ...data, reportedBy: principal.id, reportedAt: nowIso(), adjudicationStatus: "pending" },
      { action: "complication.report", onBehalfOf: await onBehalfOfPhysician(principal, procedure.physicianId) },
    );
  });
}

async function loadComplication(principal: Principal, id: number) {
  recordId(id, "Complication");
  const [row] = await getDb().select().from(complications).where(eq(complications.id, id)).limit(1);
  if (!row) throw new NotFoundError("Complication");
  await loadVisibleProcedure(principal, row.procedureId);
  return row;
}

export async function getComplication(principal: Principal, id: number) {
  return loadComplication(principal, id);
}

/**
 * The reporter may correct a report until it is adjudicated. Correcting a report the quality officer asked
 * about ("needs information") sends it back to the review queue.
 */
export async function updateComplication(principal: Principal, id: number, input: unknown) {
  return transaction(async (tx) => {
    // Read inside the write: an adjudication cannot land between the "not yet adjudicated" check and this update.
    const before = await loadComplication(principal, id);
    const procedure = await loadOwnProcedure(principal, before.procedureId);
    if (before.adjudicationStatus === "confirmed" || before.adjudicationStatus === "rejected") {
      throw new ForbiddenError("This complication has been adjudicated; ask the quality officer to reopen it");
    }
    const data = parseInput(complicationSchema, input);
    if (data.procedureId !== before.procedureId) throw new ValidationError({ procedureId: ["A complication cannot be moved to another procedure"] });
    checkDates(data, procedure);
    return updateAudited(
      tx,
      principal,
      "complication",
      before,
      { ...data, adjudicationStatus: "pending" },
      { onBehalfOf: await onBehalfOfPhysician(principal, procedure.physicianId) },
    );
  });
}
