import "server-only";
import { and, asc, count, desc, eq, inArray, lte, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { ADJUDICATION_STATUSES } from "@/db/enums";
import { complications, patients, procedures, sites, users, type Complication } from "@/db/schema";
import { addDaysIso, daysBetween, todayIso } from "@/lib/outcomes/dates";
import { type ReviewQueueQuery, type ReviewStatusFilter } from "@/lib/validation/adjudication";
import { requireAdjudicator } from "@/lib/dal/records/adjudication";
import { inProcedureContext, REPORTED_FIELDS } from "@/lib/dal/records/complicationContext";
import type { Principal } from "@/lib/dal/principal";
import { outcomeFilterSql } from "@/lib/dal/outcomes/cohort";
import { requireQuality } from "@/lib/dal/outcomes/quality";
import type { OutcomeFilters } from "@/lib/outcomes/outcomeFilters";

/**
 * The quality officers' review queue: reported complications filtered, sorted and paged from the URL, counts per
 * adjudication status, and the physicians who have reports. The decisions themselves are in ./adjudication.ts.
 */

export type ReviewQueueRow = {
  id: number;
  procedureId: number;
  procedureDate: string;
  physicianId: number;
  physicianName: string;
  type: Complication["type"];
  typeOther: string | null;
  onsetDate: string;
  serious: boolean;
  grade: number;
  relatedness: Complication["relatedness"];
  reportedAt: string;
  status: Complication["adjudicationStatus"];
  finalGrade: number | null;
  finalRelatedness: Complication["finalRelatedness"];
  adjudicatedAt: string | null;
  /** whole days since the report */
  ageDays: number;
};

function statusWhere(status: ReviewStatusFilter): SQL | undefined {
  if (status === "all") return undefined;
  if (status === "open") return inArray(complications.adjudicationStatus, ["pending", "needs_info"]);
  return eq(complications.adjudicationStatus, status);
}

function queueWhere(q: Pick<ReviewQueueQuery, "status" | "physician" | "type" | "grade" | "age">, today: string): SQL | undefined {
  // Reported at least N days ago: compare timestamps, so the filter is portable SQL and uses no date functions.
  const cutoff = q.age ? `${addDaysIso(today, -Number(q.age))}T23:59:59.999Z` : null;
  return and(
    statusWhere(q.status),
    q.physician ? eq(procedures.physicianId, q.physician) : undefined,
    q.type ? eq(complications.type, q.type) : undefined,
    q.grade ? eq(complications.grade, q.grade) : undefined,
    cutoff ? lte(complications.reportedAt, cutoff) : undefined,
  );
}

const SORT_COLUMNS = {
  reported: complications.reportedAt,
  onset: complications.onsetDate,
  grade: complications.grade,
  type: complications.type,
  physician: users.name,
  status: complications.adjudicationStatus,
} as const;

export async function listReviewQueue(principal: Principal, q: ReviewQueueQuery, today = todayIso()) {
  requireAdjudicator(principal);
  const db = getDb();
  const where = queueWhere(q, today);
  const [counted] = await db.select({ n: count() }).from(complications).innerJoin(procedures, eq(procedures.id, complications.procedureId)).where(where);
  const total = counted?.n ?? 0;
  const column = SORT_COLUMNS[q.sort];
  const order = q.dir === "asc" ? [asc(column), asc(complications.id)] : [desc(column), desc(complications.id)];
  const query = db
    .select({
      id: complications.id,
      procedureId: complications.procedureId,
      procedureDate: procedures.procedureDate,
      physicianId: procedures.physicianId,
      physicianName: users.name,
      ...REPORTED_FIELDS,
      reportedAt: complications.reportedAt,
      status: complications.adjudicationStatus,
      finalGrade: complications.finalGrade,
      finalRelatedness: complications.finalRelatedness,
      adjudicatedAt: complications.adjudicatedAt,
    })
    .from(complications)
    .$dynamic();
  const rows = await inProcedureContext(query)
    .where(where)
    .orderBy(...order)
    .limit(q.size)
    .offset((q.page - 1) * q.size);
  const result: ReviewQueueRow[] = rows.map((r) => ({ ...r, ageDays: Math.max(0, daysBetween(r.reportedAt.slice(0, 10), today)) }));
  return { total, rows: result };
}

/** How many reports wait in each state, for the queue's status tabs (all physicians, no other filter). */
export async function reviewStatusCounts(principal: Principal): Promise<Record<Complication["adjudicationStatus"], number>> {
  requireAdjudicator(principal);
  const counts = Object.fromEntries(ADJUDICATION_STATUSES.map((s) => [s, 0])) as Record<Complication["adjudicationStatus"], number>;
  for (const r of await getDb()
    .select({ status: complications.adjudicationStatus, n: count() })
    .from(complications)
    .groupBy(complications.adjudicationStatus)) {
    counts[r.status] = r.n;
  }
  return counts;
}

/** The physicians who performed procedures, for the queue's physician filter. */
export async function reviewPhysicianOptions(principal: Principal) {
  requireAdjudicator(principal);
  return getDb().select({ id: users.id, name: users.name }).from(users).where(eq(users.role, "physician")).orderBy(asc(users.name), asc(users.id));
}

export type ReviewItem = {
  id: number;
  procedureId: number;
  procedureDate: string;
  physicianName: string;
  siteName: string;
  type: string;
  grade: number;
  relatedness: string;
  serious: boolean;
  onsetDate: string;
  reportedAt: string;
  status: "pending" | "needs_info";
};

/** Complication reports awaiting adjudication (pending or needing information), oldest report first. */
export async function complicationsAwaitingReview(principal: Principal, filters: OutcomeFilters, limit = 100): Promise<{ total: number; items: ReviewItem[] }> {
  requireQuality(principal);
  const db = getDb();
  const where = and(inArray(complications.adjudicationStatus, ["pending", "needs_info"]), outcomeFilterSql(filters, { includePhysician: false }));
  const [counted] = await db
    .select({ n: sql<number>`count(*)` })
    .from(complications)
    .innerJoin(procedures, eq(procedures.id, complications.procedureId))
    .innerJoin(patients, eq(patients.id, procedures.patientId))
    .where(where);
  const query = db
    .select({
      id: complications.id,
      procedureId: procedures.id,
      procedureDate: procedures.procedureDate,
      physicianName: users.name,
      siteName: sites.name,
      type: complications.type,
      grade: complications.grade,
      relatedness: complications.relatedness,
      serious: complications.serious,
      onsetDate: complications.onsetDate,
      reportedAt: complications.reportedAt,
      status: complications.adjudicationStatus,
    })
    .from(complications)
    .$dynamic();
  const items = await inProcedureContext(query)
    .where(where)
    .orderBy(desc(complications.serious), asc(complications.reportedAt), asc(complications.id))
    .limit(limit);
  return { total: Number(counted?.n ?? 0), items: items as ReviewItem[] };
}
