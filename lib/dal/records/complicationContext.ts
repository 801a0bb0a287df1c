import "server-only";
import { eq } from "drizzle-orm";
import type { SQLiteSelect } from "drizzle-orm/sqlite-core";
import { complications, procedures } from "@/db/schema";
import { withProcedureContext } from "./procedureContext";

/** A report as its physician filed it: what happened, when, how serious, and what it was related to. */
export const REPORTED_FIELDS = {
  type: complications.type,
  typeOther: complications.typeOther,
  onsetDate: complications.onsetDate,
  serious: complications.serious,
  grade: complications.grade,
  relatedness: complications.relatedness,
};

/** The columns a complication definition judges (complicationFactsOf in lib/outcomes/complicationDefinition.ts decodes them). */
export const REPORT_FACT_COLUMNS = {
  type: complications.type,
  onsetDate: complications.onsetDate,
  serious: complications.serious,
  outcome: complications.outcome,
  grade: complications.grade,
  finalGrade: complications.finalGrade,
  relatedness: complications.relatedness,
  finalRelatedness: complications.finalRelatedness,
  adjudicationStatus: complications.adjudicationStatus,
};

/**
 * Complication reports in their context: the procedure, its patient, its physician and its site. The review
 * queue, the quality page, the review item and the complications export read reports this way, and the scope
 * and filters (procedureScope, outcomeFilterSql) are written against these tables. Every join follows a
 * NOT NULL foreign key, so none drops a report. Callers select explicit fields, whose result type inner joins
 * do not change: the query keeps its own type.
 */
export function inProcedureContext<T extends SQLiteSelect>(query: T): T {
  return withProcedureContext(query.innerJoin(procedures, eq(procedures.id, complications.procedureId)) as unknown as T);
}
