import "server-only";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Timepoint } from "@/db/enums";
import { assessments, patients, procedures, users } from "@/db/schema";
import { timepointWindowDates } from "@/lib/outcomes/timepoints";
import type { Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";
import { withProcedureContext } from "./procedureContext";

export type OutOfWindowRow = {
  assessmentId: number;
  procedureId: number;
  procedureDate: string;
  patientName: string;
  physicianName: string;
  timepoint: Exclude<Timepoint, "unscheduled">;
  assessedOn: string;
  window: { from: string; to: string };
  reason: string;
  /** Who entered it (null for rows without a recorded author). */
  enteredBy: string | null;
};

export const DATA_QUALITY_MAX_ROWS = 500;

/**
 * Assessments kept outside their timepoint's window, newest first: a physician sees those of their own
 * procedures, quality officers and admins all. The analyses leave these out unless asked to include them.
 */
export async function listOutOfWindowAssessments(principal: Principal): Promise<{ rows: OutOfWindowRow[]; total: number }> {
  const db = getDb();
  const where = and(procedureScope(principal), eq(assessments.outOfWindow, true));
  const rowsQuery = db
    .select({
      assessmentId: assessments.id,
      procedureId: procedures.id,
      procedureDate: procedures.procedureDate,
      patientName: patients.name,
      physicianName: users.name,
      timepoint: assessments.timepoint,
      assessedOn: assessments.assessedOn,
      reason: assessments.outOfWindowReason,
      createdBy: assessments.createdBy,
    })
    .from(assessments)
    .innerJoin(procedures, eq(procedures.id, assessments.procedureId))
    .$dynamic();
  const [rows, [{ n }]] = await Promise.all([
    withProcedureContext(rowsQuery).where(where).orderBy(desc(assessments.assessedOn), desc(assessments.id)).limit(DATA_QUALITY_MAX_ROWS),
    db.select({ n: count() }).from(assessments).innerJoin(procedures, eq(procedures.id, assessments.procedureId)).where(where),
  ]);
  // Who entered each: one read of the few authors (the physician's own name is joined above).
  const authorIds = [...new Set(rows.map((r) => r.createdBy).filter((id): id is number => id !== null))];
  const authors = new Map(
    authorIds.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, authorIds))).map((u) => [u.id, u.name]) : [],
  );
  return {
    total: n,
    rows: rows.map(({ createdBy, ...r }) => {
      const timepoint = r.timepoint as Exclude<Timepoint, "unscheduled">;
      const enteredBy = createdBy === null ? null : (authors.get(createdBy) ?? null);
      return { ...r, timepoint, reason: r.reason ?? "", enteredBy, window: timepointWindowDates(timepoint, r.procedureDate) };
    }),
  };
}
