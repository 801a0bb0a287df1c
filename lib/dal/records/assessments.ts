import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { Timepoint } from "@/db/enums";
import { getDb, transaction } from "@/db/client";
import { assessments } from "@/db/schema";
import { TIMEPOINT_LABELS } from "@/lib/labels";
import { z } from "zod";
import type { Clock } from "@/lib/outcomes/dates";
import { checkAssessment, rawField } from "@/lib/validation/recordRules";
import type { AssessmentInput } from "@/lib/validation/records";
import { parseRecordId } from "@/lib/validation/recordId";
import { optionalText } from "@/lib/validation/fields";
import { loadOwnProcedure, loadVisibleAssessment } from "@/lib/dal/access";
import { ValidationError } from "@/lib/dal/errors";
import { parseInput } from "@/lib/dal/parse";
import { siteToday } from "@/lib/dal/siteClock";
import { insertAudited, updateAudited } from "@/lib/dal/records/auditedWrite";
import type { Principal } from "@/lib/dal/principal";
import { onBehalfOfPhysician } from "@/lib/dal/onBehalfOf";

type ProcedureContext = { id: number; procedureDate: string; siteId: number };

/**
 * The assessment against the one rule set with its procedure (dates relative to it, the window of its
 * timepoint, its site's today), then the rule only the database can check: one assessment per scheduled
 * timepoint. Every problem is reported at once.
 */
async function checkedAssessment(input: unknown, procedure: ProcedureContext | null, clock: Clock, exceptId?: number): Promise<AssessmentInput> {
  const today = await siteToday(procedure?.siteId ?? null, clock);
  const verdict = checkAssessment(input, { procedureDate: procedure?.procedureDate ?? null, today });
  const errors = verdict.ok ? {} : { ...verdict.errors };
  const timepoint = rawField(input, "timepoint");
  if (procedure && typeof timepoint === "string" && timepoint !== "unscheduled" && (verdict.ok || !errors.timepoint)) {
    const [clash] = await getDb()
      .select({ id: assessments.id })
      .from(assessments)
      .where(
        and(eq(assessments.procedureId, procedure.id), eq(assessments.timepoint, timepoint as Timepoint), exceptId ? ne(assessments.id, exceptId) : undefined),
      )
      .limit(1);
    if (clash) errors.timepoint = [`This procedure already has a ${TIMEPOINT_LABELS[timepoint as Timepoint].toLowerCase()} assessment; edit that one instead`];
  }
  if (Object.keys(errors).length || !verdict.ok) throw new ValidationError(errors);
  return verdict.data;
}

export async function createAssessment(principal: Principal, input: unknown, clock: Clock = new Date()) {
  // The checks run inside the write: holding the writers' turn, no other request can add the same timepoint in between.
  return transaction(async (tx) => {
    const procedureId = parseRecordId(rawField(input, "procedureId"));
    const procedure = procedureId === null ? null : await loadOwnProcedure(principal, procedureId);
    const data = await checkedAssessment(input, procedure, clock);
    const onBehalfOf = procedure ? await onBehalfOfPhysician(principal, procedure.physicianId) : null;
    return insertAudited(tx, principal, "assessment", { ...data, createdBy: principal.id }, { onBehalfOf });
  });
}

export async function getAssessment(principal: Principal, id: number) {
  return loadVisibleAssessment(principal, id);
}

const correctionSchema = z.object({ correctionReason: optionalText("Reason for the correction", 500) });
const PATIENT_VALUES = ["assessedOn", "nprsBack", "nprsLeg", "odi", "odiSections", "walkingMinutes", "standingMinutes", "pgic"] as const;

/**
 * Staff may correct what a patient sent from their link, with a reason; the patient's own values are kept (the
 * first correction stores them, later ones leave them), as adjudication keeps the reporter's original.
 */
function patientCorrection(before: typeof assessments.$inferSelect, input: unknown) {
  if (before.source !== "patient") return {};
  const { correctionReason } = parseInput(correctionSchema, input);
  if (!correctionReason) throw new ValidationError({ correctionReason: ["Say why the patient's answers are corrected"] });
  const original = before.patientOriginal ?? JSON.stringify(Object.fromEntries(PATIENT_VALUES.map((k) => [k, before[k]])));
  return { patientOriginal: original, correctionReason };
}

export async function updateAssessment(principal: Principal, id: number, input: unknown, clock: Clock = new Date()) {
  return transaction(async (tx) => {
    // Read inside the write, so the audit row's before image is exactly what this update replaced.
    const before = await loadVisibleAssessment(principal, id);
    const procedure = await loadOwnProcedure(principal, before.procedureId);
    if (parseRecordId(rawField(input, "procedureId")) !== before.procedureId)
      throw new ValidationError({ procedureId: ["An assessment cannot be moved to another procedure"] });
    const data = await checkedAssessment(input, procedure, clock, id);
    return updateAudited(
      tx,
      principal,
      "assessment",
      before,
      { ...data, ...patientCorrection(before, input) },
      { onBehalfOf: await onBehalfOfPhysician(principal, procedure.physicianId) },
    );
  });
}
