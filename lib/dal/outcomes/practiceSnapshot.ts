import "server-only";
import { and, asc, gt, inArray, lte, max } from "drizzle-orm";
import { getReadDb, type AppDatabase } from "@/db/client";
import { assessments, auditLog, complications, diaryEntries, followUpStatuses, patients, procedures, subsequentSurgeries } from "@/db/schema";
import type { BaseProcedure } from "@/lib/outcomes/cohortBase";
import { readBaseProcedures } from "@/lib/dal/outcomes/cohortRows";
import { inChunks } from "@/lib/dal/csv/importPlan";
import { offThread } from "@/lib/dal/outcomes/offThread";
import { NO_OUTCOME_FACTS as OUTCOME_FREE_ENTITIES } from "@/lib/dal/outcomes/outcomeFactEntities";

/**
 * Every procedure's outcome facts (lib/outcomes/cohortBase.ts), kept in memory between requests and brought up
 * to date from the audit log (issue 17): every write to a clinical record lands with its audit row in the same
 * transaction (forms, the import, adjudication, patients' answers, follow-up marks), so the rows written since
 * the snapshot name the procedures to read again — a handful after a form save, instead of 600,000 assessments
 * at 100,000 procedures. Each request first reads the newest audit id (on any app server's writes), so the
 * snapshot it derives from is never behind a committed write. Whatever the log cannot place on a procedure
 * (an entity this module does not know, a bulk change, a write that left no audit row — a table's newest id
 * moved without one) rebuilds it from the database.
 */

/** Audit entities that never change an outcome fact: reading past them costs nothing. */
const NO_OUTCOME_FACTS = new Set(OUTCOME_FREE_ENTITIES);
/** Audit entities whose before/after row names its procedure. */
const PROCEDURE_CHILDREN = new Set(["assessment", "complication", "diary_entry", "followUpStatus", "subsequentSurgery", "contactAttempt"]);
/** More changed rows than this since the snapshot: reading everything again is as quick. */
const MAX_REPLAYED_ROWS = 5000;

type Snapshot = {
  /** The connection it was read from: a test or a script that switches databases never sees another's facts. */
  source: object;
  auditId: number;
  /** The newest id of each table the facts come from, to notice a write that left no audit row. */
  marks: string;
  /** In the cohort's order: procedure date, then id. Never changed once built (requests derive from it concurrently). */
  list: readonly BaseProcedure[];
  byId: ReadonlyMap<number, BaseProcedure>;
  /** Which build of the snapshot this is (one per rebuild in this process). */
  generation: number;
  /** Per physician, the audit id of the newest write to one of their procedures' facts since this build. */
  changedAt: ReadonlyMap<number, number>;
};

// On globalThis: Next bundles instrumentation.ts (which warms the snapshot at start) apart from the routes.
const kept = globalThis as unknown as {
  __mildPracticeSnapshot?: { snapshot: Snapshot | null; refreshing: Promise<Snapshot> | null; generations: number };
};
const state = (kept.__mildPracticeSnapshot ??= { snapshot: null, refreshing: null, generations: 0 });

/** The tables the outcome facts come from, each with the audit entity of its rows. */
const FACT_TABLES = [
  { table: procedures, entity: "procedure" },
  { table: patients, entity: "patient" },
  { table: assessments, entity: "assessment" },
  { table: complications, entity: "complication" },
  { table: diaryEntries, entity: "diary_entry" },
  { table: subsequentSurgeries, entity: "subsequentSurgery" },
  { table: followUpStatuses, entity: "followUpStatus" },
];

/** The newest id of each fact table: a write that left no audit row (a script, a restore) still moves one. */
export async function factTableMarks(db: AppDatabase): Promise<string> {
  const rows = await Promise.all(FACT_TABLES.map(({ table }) => db.select({ v: max(table.id) }).from(table)));
  return rows.map((r) => String(r[0]?.v ?? 0)).join(",");
}

async function readMarks(): Promise<{ auditId: number; marks: string }> {
  const db = getReadDb();
  const [[audit], marks] = await Promise.all([db.select({ v: max(auditLog.id) }).from(auditLog), factTableMarks(db)]);
  return { auditId: Number(audit?.v ?? 0), marks };
}

const cohortOrder = (a: BaseProcedure, b: BaseProcedure) =>
  a.facts.procedureDate < b.facts.procedureDate ? -1 : a.facts.procedureDate > b.facts.procedureDate ? 1 : a.facts.id - b.facts.id;

function ordered(byId: Map<number, BaseProcedure>): BaseProcedure[] {
  return [...byId.values()].sort(cohortOrder);
}

/**
 * The list in cohort order with the `touched` procedures' old facts taken out and their `fresh` facts put in: one
 * pass over the kept list, merged with the few fresh ones, instead of sorting 100,000 procedures again after every
 * write (the same order: the kept list is sorted and ids are unique).
 */
function replaced(list: readonly BaseProcedure[], touched: ReadonlySet<number>, fresh: BaseProcedure[]): BaseProcedure[] {
  const incoming = [...fresh].sort(cohortOrder);
  const out: BaseProcedure[] = [];
  let j = 0;
  for (const b of list) {
    if (touched.has(b.facts.id)) continue;
    while (j < incoming.length && cohortOrder(incoming[j]!, b) < 0) out.push(incoming[j++]!);
    out.push(b);
  }
  while (j < incoming.length) out.push(incoming[j++]!);
  return out;
}

/** Procedures per read when the snapshot is built: the driver's rows of one batch are garbage before the next is read. */
const REBUILD_BATCH = 10_000;

async function rebuild(source: object, at: { auditId: number; marks: string }): Promise<Snapshot> {
  const byId = new Map<number, BaseProcedure>();
  for (let after = 0; ;) {
    const [last] = await getReadDb()
      .select({ id: procedures.id })
      .from(procedures)
      .where(gt(procedures.id, after))
      .orderBy(asc(procedures.id))
      .offset(REBUILD_BATCH - 1)
      .limit(1);
    const upTo = last?.id ?? null;
    const batch = await readBaseProcedures(and(gt(procedures.id, after), upTo === null ? undefined : lte(procedures.id, upTo)), { after, upTo });
    for (const b of batch) byId.set(b.facts.id, b);
    if (upTo === null) break;
    after = upTo;
  }
  return { source, ...at, list: ordered(byId), byId, generation: ++state.generations, changedAt: new Map() };
}

const positiveId = (v: unknown): number | null => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/**
 * Whether every fact table's newest id that moved since `before` is a row the audit rows since then name: if not,
 * a write left no audit row (a script, a restore, a test's fixture) and only reading everything again finds it.
 */
function marksExplained(before: string, now: string, audited: ReadonlyMap<string, ReadonlySet<number>>): boolean {
  const was = before.split(",");
  return now.split(",").every((mark, i) => mark === was[i] || (audited.get(FACT_TABLES[i]!.entity)?.has(Number(mark)) ?? false));
}

/** The procedures the audit rows after `after` touched, or null when one of them cannot be placed on a procedure. */
async function touchedProcedures(after: number, upTo: number, known: Snapshot, audited: Map<string, Set<number>>): Promise<Set<number> | null> {
  const rows = await getReadDb()
    .select({ entity: auditLog.entity, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(and(gt(auditLog.id, after), lte(auditLog.id, upTo)))
    .orderBy(asc(auditLog.id))
    .limit(MAX_REPLAYED_ROWS + 1);
  if (rows.length > MAX_REPLAYED_ROWS) return null;
  const touched = new Set<number>();
  const patientIds = new Set<number>();
  for (const r of rows) {
    if (NO_OUTCOME_FACTS.has(r.entity)) continue;
    const rowId = positiveId(r.entityId);
    if (rowId !== null) {
      if (!audited.has(r.entity)) audited.set(r.entity, new Set());
      audited.get(r.entity)!.add(rowId);
    }
    if (r.entity === "procedure") {
      if (rowId === null) return null;
      touched.add(rowId);
    } else if (r.entity === "patient") {
      if (rowId === null) return null;
      patientIds.add(rowId);
    } else if (PROCEDURE_CHILDREN.has(r.entity)) {
      // Both sides: a row moved from one procedure to another changes both.
      const sides = [r.before, r.after]
        .filter((s): s is string => typeof s === "string")
        .map((s) => positiveId((JSON.parse(s) as { procedureId?: unknown }).procedureId));
      if (sides.length === 0 || sides.some((id) => id === null)) return null;
      for (const id of sides) touched.add(id!);
    } else {
      return null;
    }
  }
  if (patientIds.size > 0) {
    // A patient's facts (diagnosis, birth date, risk factors) are part of each of their procedures.
    for (const b of known.list) if (patientIds.has(b.facts.patientId)) touched.add(b.facts.id);
    const rowsOf = await inChunks([...patientIds], (chunk) =>
      getReadDb().select({ id: procedures.id }).from(procedures).where(inArray(procedures.patientId, chunk)),
    );
    for (const r of rowsOf) touched.add(r.id);
  }
  return touched;
}

async function refreshed(current: Snapshot | null): Promise<Snapshot> {
  const source = getReadDb();
  const at = await readMarks();
  if (!current || current.source !== source || at.auditId < current.auditId) return rebuild(source, at);
  if (at.auditId === current.auditId) return at.marks === current.marks ? current : rebuild(source, at);
  const audited = new Map<string, Set<number>>();
  const touched = await touchedProcedures(current.auditId, at.auditId, current, audited);
  if (touched === null || !marksExplained(current.marks, at.marks, audited)) return rebuild(source, at);
  if (touched.size === 0) return { ...current, ...at };
  const ids = [...touched];
  const fresh = await inChunks(ids, (chunk) => readBaseProcedures(inArray(procedures.id, chunk)));
  const byId = new Map(current.byId);
  const changedAt = new Map(current.changedAt);
  for (const id of ids) {
    // The physician it belonged to and the one it belongs to now (a procedure can be moved to another physician).
    const old = byId.get(id);
    if (old) changedAt.set(old.facts.physicianId, at.auditId);
    byId.delete(id);
  }
  for (const b of fresh) {
    byId.set(b.facts.id, b);
    changedAt.set(b.facts.physicianId, at.auditId);
  }
  return { source, ...at, list: replaced(current.list, touched, fresh), byId, generation: current.generation, changedAt };
}

/**
 * Every procedure's facts as of the newest committed write, in the cohort's order. Callers filter and
 * authorize (outcomeCohort and the pooled views in lib/dal/outcomes); outside lib/dal/outcomes nothing reads it.
 * Refreshes run one at a time; requests arriving meanwhile wait for the one under way and then check again.
 */
export async function practiceProcedures(): Promise<readonly BaseProcedure[]> {
  return (await currentSnapshot()).list;
}

async function currentSnapshot(): Promise<Snapshot> {
  for (;;) {
    if (state.refreshing) {
      await state.refreshing.catch(() => undefined);
      continue;
    }
    const run = refreshed(state.snapshot);
    state.refreshing = run;
    try {
      const next = await run;
      state.snapshot = next;
      return next;
    } finally {
      if (state.refreshing === run) state.refreshing = null;
    }
  }
}

/**
 * The version of one physician's procedures' facts, as of the newest committed write: it changes when a write
 * touches one of their procedures (or the snapshot is built again), not when another physician's record changes.
 * Figures computed from that physician's procedures alone are kept under it (lib/dal/outcomes/versionedCache.ts).
 */
export async function physicianFactsVersion(physicianId: number): Promise<string> {
  const snapshot = await currentSnapshot();
  return `g${snapshot.generation}.${snapshot.changedAt.get(physicianId) ?? 0}`;
}

/** Reads the snapshot where the figures are computed (the figure worker when the server has one): at start, so the first dashboard does not wait. */
export const warmPracticeSnapshot = offThread("warmPracticeSnapshot", async (): Promise<number> => (await practiceProcedures()).length);

/**
 * For the benchmark's "after a one-procedure write" timings: what a write does to the kept snapshot — the `touched`
 * procedures' facts taken out, the `fresh` ones merged in (a new procedure is one touched that was not there; one
 * touched and not given again is gone) — so that the derived practice and the views' cohorts are brought up to date
 * as after a form save. The database is not changed.
 */
export function writeInSnapshot(touched: readonly number[], fresh: BaseProcedure[]): void {
  const s = state.snapshot;
  if (!s) throw new Error("writeInSnapshot: no snapshot is kept");
  const gone = new Set(touched);
  const byId = new Map([...s.byId].filter(([id]) => !gone.has(id)));
  for (const b of fresh) byId.set(b.facts.id, b);
  state.snapshot = { ...s, list: replaced(s.list, gone, fresh), byId };
}

/** writeInSnapshot for one procedure: its facts replaced by a new object, an equal copy unless `change` makes another. */
export function replaceInSnapshot(id: number, change: (old: BaseProcedure) => BaseProcedure = (old) => ({ ...old })): void {
  const old = state.snapshot?.byId.get(id);
  if (!old) throw new Error(`replaceInSnapshot: procedure ${id} is not in the kept snapshot`);
  writeInSnapshot([id], [change(old)]);
}

/** Forgets the snapshot: for the benchmark's cold timings. */
export function forgetPracticeSnapshot(): void {
  state.snapshot = null;
}
