import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { subsequentSurgeries } from "@/db/schema";
import type { Clock } from "@/lib/outcomes/dates";
import { siteToday } from "@/lib/dal/siteClock";
import { afterProcedureProblems, subsequentSurgerySchema } from "@/lib/validation/followUp";
import { problemsByField } from "@/lib/validation/recordDateRules";
import { loadOwnProcedure, loadVisibleProcedure } from "@/lib/dal/access";
import { ValidationError } from "@/lib/dal/errors";
import { onBehalfOfPhysician } from "@/lib/dal/onBehalfOf";
import { parseInput } from "@/lib/dal/parse";
import type { Principal } from "@/lib/dal/principal";
import { insertAudited } from "@/lib/dal/records/auditedWrite";

/**
 * Lumbar surgery after MILD (reoperation at the treated levels, laminectomy, fusion, another MILD, other): the
 * durability outcome, shown on the dashboard as freedom from it over time (lib/outcomes/durability.ts). Same
 * access as the procedure; every record audited.
 */
export async function listSubsequentSurgeries(principal: Principal, procedureId: number) {
  await loadVisibleProcedure(principal, procedureId);
  return getDb()
    .select()
    .from(subsequentSurgeries)
    .where(eq(subsequentSurgeries.procedureId, procedureId))
    .orderBy(asc(subsequentSurgeries.surgeryDate), asc(subsequentSurgeries.id));
}

export async function recordSubsequentSurgery(principal: Principal, input: unknown, clock: Clock = new Date()) {
  const data = parseInput(subsequentSurgerySchema, input);
  return transaction(async (tx) => {
    const procedure = await loadOwnProcedure(principal, data.procedureId);
    const problems = afterProcedureProblems("surgeryDate", data.surgeryDate, procedure.procedureDate, await siteToday(procedure.siteId, clock), true);
    if (problems.length) throw new ValidationError(problemsByField(problems));
    return insertAudited(
      tx,
      principal,
      "subsequentSurgery",
      { ...data, levels: data.levels.join(","), createdBy: principal.id },
      { onBehalfOf: await onBehalfOfPhysician(principal, procedure.physicianId) },
    );
  });
}
