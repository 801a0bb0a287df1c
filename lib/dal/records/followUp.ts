import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { complications, contactAttempts, followUpStatuses } from "@/db/schema";
import type { Clock } from "@/lib/outcomes/dates";
import { siteToday } from "@/lib/dal/siteClock";
import { failedAttemptsInARow, lostAfterAttempts, ordinal } from "@/lib/outcomes/followUpStatus";
import { afterProcedureProblems, contactAttemptSchema, followUpStatusSchema } from "@/lib/validation/followUp";
import { problemsByField } from "@/lib/validation/recordDateRules";
import { loadOwnProcedure, loadVisibleProcedure } from "@/lib/dal/access";
import { ValidationError } from "@/lib/dal/errors";
import { onBehalfOfPhysician } from "@/lib/dal/onBehalfOf";
import { parseInput } from "@/lib/dal/parse";
import type { Principal } from "@/lib/dal/principal";
import { deleteAudited, insertAudited, updateAudited } from "@/lib/dal/records/auditedWrite";

/**
 * A procedure's follow-up beyond its assessments: the attempts to reach the patient and whether they are still
 * expected (lib/outcomes/followUpStatus.ts). Same access as the procedure: its physician and its site's
 * coordinator write, whoever may see it reads; every write is audited with the procedure's physician as the
 * one a coordinator acted for.
 */

async function attemptsOf(procedureId: number) {
  return getDb()
    .select()
    .from(contactAttempts)
    .where(eq(contactAttempts.procedureId, procedureId))
    .orderBy(asc(contactAttempts.attemptedOn), asc(contactAttempts.id));
}

async function statusRowOf(procedureId: number) {
  const [row] = await getDb().select().from(followUpStatuses).where(eq(followUpStatuses.procedureId, procedureId)).limit(1);
  return row ?? null;
}

/** The death recorded as a complication of this procedure, which a "deceased" status links to. */
async function deathComplicationOf(procedureId: number) {
  const [row] = await getDb()
    .select({ id: complications.id, onsetDate: complications.onsetDate })
    .from(complications)
    .where(and(eq(complications.procedureId, procedureId), eq(complications.type, "death")))
    .orderBy(asc(complications.onsetDate), asc(complications.id))
    .limit(1);
  return row ?? null;
}

export async function getFollowUpRecord(principal: Principal, procedureId: number) {
  await loadVisibleProcedure(principal, procedureId);
  const attempts = await attemptsOf(procedureId);
  const failedInARow = failedAttemptsInARow(attempts);
  const lostAfter = lostAfterAttempts();
  return {
    status: await statusRowOf(procedureId),
    attempts,
    failedInARow,
    lostAfter,
    /** "Lost to follow-up" is offered once this many attempts in a row have failed. */
    canMarkLost: failedInARow >= lostAfter,
    deathComplication: await deathComplicationOf(procedureId),
  };
}

export async function recordContactAttempt(principal: Principal, input: unknown, clock: Clock = new Date()) {
  const data = parseInput(contactAttemptSchema, input);
  return transaction(async (tx) => {
    const procedure = await loadOwnProcedure(principal, data.procedureId);
    const problems = afterProcedureProblems("attemptedOn", data.attemptedOn, procedure.procedureDate, await siteToday(procedure.siteId, clock));
    if (problems.length) throw new ValidationError(problemsByField(problems));
    return insertAudited(
      tx,
      principal,
      "contactAttempt",
      { ...data, createdBy: principal.id },
      { onBehalfOf: await onBehalfOfPhysician(principal, procedure.physicianId) },
    );
  });
}

/**
 * Sets whether the patient is still followed. Lost to follow-up needs the documented failed attempts first;
 * active again removes the mark (the audit log keeps it).
 */
export async function setFollowUpStatus(principal: Principal, input: unknown, clock: Clock = new Date()) {
  const data = parseInput(followUpStatusSchema, input);
  return transaction(async (tx) => {
    const procedure = await loadOwnProcedure(principal, data.procedureId);
    const onBehalfOf = await onBehalfOfPhysician(principal, procedure.physicianId);
    const before = await statusRowOf(procedure.id);
    if (data.status === "active") {
      if (before) await deleteAudited(tx, principal, "followUpStatus", before, { onBehalfOf });
      return null;
    }
    const statusDate = data.statusDate!;
    const errors = problemsByField(afterProcedureProblems("statusDate", statusDate, procedure.procedureDate, await siteToday(procedure.siteId, clock)));
    if (data.status === "lost") {
      const failed = failedAttemptsInARow(await attemptsOf(procedure.id));
      const needed = lostAfterAttempts();
      if (failed < needed)
        (errors.status ??= []).push(
          `Record the failed contact attempts first: lost to follow-up needs ${needed} in a row, and ${failed === 0 ? "none is" : `${failed} ${failed === 1 ? "is" : "are"}`} recorded (the ${ordinal(failed + 1)} would be next)`,
        );
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const values = { status: data.status, statusDate, note: data.note };
    if (before) return updateAudited(tx, principal, "followUpStatus", before, values, { onBehalfOf });
    return insertAudited(tx, principal, "followUpStatus", { ...values, procedureId: procedure.id, createdBy: principal.id }, { onBehalfOf });
  });
}
