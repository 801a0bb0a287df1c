import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { assessments } from "@/db/schema";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { todayIso } from "@/lib/outcomes/dates";
import { assessmentDateProblems, problemsByField } from "@/lib/validation/recordDateRules";
import { assessmentSchema, type AssessmentInput } from "@/lib/validation/records";
import { loadOwnProcedure, loadVisibleProcedure } from "@/lib/dal/access";
import { NotFoundError, ValidationError } from "@/lib/dal/errors";
import { parseInput, recordId } from "@/lib/dal/parse";
import { insertAudited, updateAudited } from "@/lib/dal/records/auditedWrite";
import type { Principal } from "@/lib/dal/principal";
import { onBehalfOfPhysician } from "@/lib/dal/onBehalfOf";

/** Rules that need the procedure: dates relative to it, and one assessment per scheduled timepoint. */
async function checkAgainstProcedure(data: AssessmentInput, procedure: { id: number; procedureDate: string }, exceptId?: number) {
  const errors = problemsByField(assessmentDateProblems(data, procedure.procedureDate, todayIso()));
  if (data.timepoint !== "unscheduled") {
    const [clash] = await getDb()
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.procedureId, procedure.id), eq(assessments.timepoint, data.timepoint), exceptId ? ne(assessments.id, exceptId) : undefined))
      .limit(1);
    if (clash) errors.timepoint = [`This procedure already has a ${TIMEPOINT_LABELS[data.timepoint].toLowerCase()} assessment; edit that one instead`];
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export async function createAssessment(principal: Principal, input: unknown) {
  const data = parseInput(assessmentSchema, input);
  // The checks run inside the write: holding the writers' turn, no other request can add the same timepoint in between.
  return transaction(async (tx) => {
    const procedure = await loadOwnProcedure(principal, data.procedureId);
    await checkAgainstProcedure(data, procedure);
    const onBehalfOf = await onBehalfOfPhysician(principal, procedure.physicianId);
    return insertAudited(tx, principal, "assessment", { ...data, createdBy: principal.id }, { onBehalfOf });
  });
}

async function loadAssessment(principal: Principal, id: number) {
  recordId(id, "Assessment");
  const [row] = await getDb().select().from(assessments).where(eq(assessments.id, id)).limit(1);
  if (!row) throw new NotFoundError("Assessment");
  // Visibility follows the procedure: not found for anyone who may not see it.
  await loadVisibleProcedure(principal, row.procedureId);
  return row;
}

export async function getAssessment(principal: Principal, id: number) {
  return loadAssessment(principal, id);
}

export async function updateAssessment(principal: Principal, id: number, input: unknown) {
  return transaction(async (tx) => {
    // Read inside the write, so the audit row's before image is exactly what this update replaced.
    const before = await loadAssessment(principal, id);
    const procedure = await loadOwnProcedure(principal, before.procedureId);
    const data = parseInput(assessmentSchema, input);
    if (data.procedureId !== before.procedureId) throw new ValidationError({ procedureId: ["An assessment cannot be moved to another procedure"] });
    await checkAgainstProcedure(data, procedure, id);
    return updateAudited(tx, principal, "assessment", before, data, { onBehalfOf: await onBehalfOfPhysician(principal, procedure.physicianId) });
  });
}
