import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { getDb } from "@/db/client";
import { assessments } from "@/db/schema";
import { TIMEPOINT_LABELS } from "@/db/labels";
import { appendAudit } from "@/lib/audit/appendAudit";
import { todayIso } from "@/lib/outcomes/dates";
import { assessmentSchema, type AssessmentInput } from "@/lib/validation/records";
import { actorOf, loadOwnProcedure, loadVisibleProcedure, nowIso } from "./access";
import { NotFoundError, ValidationError } from "./errors";
import { parseInput, recordId } from "./parse";
import type { Principal } from "./principal";

/** Rules that need the procedure: dates relative to it, and one assessment per scheduled timepoint. */
function checkAgainstProcedure(data: AssessmentInput, procedure: { id: number; procedureDate: string }, exceptId?: number) {
  const errors: Record<string, string[]> = {};
  if (data.assessedOn > todayIso()) errors.assessedOn = ["The assessment date cannot be in the future"];
  else if (data.timepoint === "baseline" && data.assessedOn > procedure.procedureDate) errors.assessedOn = ["A baseline assessment is on or before the procedure date"];
  else if (data.timepoint !== "baseline" && data.timepoint !== "unscheduled" && data.assessedOn <= procedure.procedureDate) errors.assessedOn = ["A follow-up assessment is after the procedure date"];
  if (data.reliefOnsetDate && data.reliefOnsetDate < procedure.procedureDate) errors.reliefOnsetDate = ["Relief onset is on or after the procedure date"];
  if (data.timepoint !== "unscheduled") {
    const clash = getDb()
      .select({ id: assessments.id })
      .from(assessments)
      .where(and(eq(assessments.procedureId, procedure.id), eq(assessments.timepoint, data.timepoint), exceptId ? ne(assessments.id, exceptId) : undefined))
      .get();
    if (clash) errors.timepoint = [`This procedure already has a ${TIMEPOINT_LABELS[data.timepoint].toLowerCase()} assessment; edit that one instead`];
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

export async function createAssessment(principal: Principal, input: unknown) {
  const data = parseInput(assessmentSchema, input);
  const procedure = loadOwnProcedure(principal, data.procedureId);
  checkAgainstProcedure(data, procedure);
  return getDb().transaction(
    (tx) => {
      const created = tx.insert(assessments).values({ ...data, createdBy: principal.id }).returning().get();
      appendAudit(tx, { actor: actorOf(principal), action: "assessment.create", entity: "assessment", entityId: created.id, after: created });
      return created;
    },
    { behavior: "immediate" },
  );
}

function loadAssessment(principal: Principal, id: number) {
  recordId(id, "Assessment");
  const row = getDb().select().from(assessments).where(eq(assessments.id, id)).get();
  if (!row) throw new NotFoundError("Assessment");
  // Visibility follows the procedure: not found for anyone who may not see it.
  loadVisibleProcedure(principal, row.procedureId);
  return row;
}

export async function getAssessment(principal: Principal, id: number) {
  return loadAssessment(principal, id);
}

export async function updateAssessment(principal: Principal, id: number, input: unknown) {
  const before = loadAssessment(principal, id);
  const procedure = loadOwnProcedure(principal, before.procedureId);
  const data = parseInput(assessmentSchema, input);
  if (data.procedureId !== before.procedureId) throw new ValidationError({ procedureId: ["An assessment cannot be moved to another procedure"] });
  checkAgainstProcedure(data, procedure, id);
  return getDb().transaction(
    (tx) => {
      const after = tx.update(assessments).set({ ...data, updatedAt: nowIso() }).where(eq(assessments.id, id)).returning().get();
      appendAudit(tx, { actor: actorOf(principal), action: "assessment.update", entity: "assessment", entityId: id, before, after });
      return after;
    },
    { behavior: "immediate" },
  );
}
