import "server-only";
import { desc, max, notInArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditLog, sites, users } from "@/db/schema";
import { NO_OUTCOME_FACTS } from "./outcomeFactEntities";
import { factTableMarks, physicianFactsVersion } from "./practiceSnapshot";
import { forgetLastComputations } from "./cohort";

/**
 * Figures computed from the whole practice (the dashboard's summaries, the quality page, the risk-adjusted
 * comparison) kept between requests, keyed by what was asked and by the data's version, so a cached figure is
 * never stale (issue 17). The version is read from the database on every request: the newest audit row (every
 * write to a record lands with its audit row in one transaction — forms, the import, adjudication, patients'
 * answers, follow-up marks), the newest change to an account, and the sites' names and zones (a rename shows on the quality page).
 * A write on any app server advances it for all of them. Only the computed summaries are kept here, and only the
 * most recent few; after a write, a figure whose inputs the write left alone is handed out again from the last
 * computation kept with its inputs on the derivation (cohort.ts keptUnlessChanged), not computed again.
 */
// A view keeps up to five entries (its headline, three costlier parts and the whole), so room for a few dozen views.
const MAX_ENTRIES = 256;

/**
 * A store of computations kept by key (the caller's key names the data version), the `limit` most recently used:
 * concurrent requests for one key share one computation, and a failed one is not kept. The outcome figures use
 * one (below); the worklist's headline counts keep theirs apart, so the many small counts never push figures out.
 */
export function keptByKey(name: string, limit: number) {
  // On globalThis, one per name: Next bundles the pages and the route handlers apart, each with its own copy of
  // this module, and the summary API would otherwise compute again what the dashboard has kept.
  const shared = globalThis as unknown as Record<string, Map<string, Promise<unknown>> | undefined>;
  const entries = (shared[name] ??= new Map<string, Promise<unknown>>());
  return {
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const hit = this.peek<T>(key);
      if (hit) return hit;
      const pending = compute();
      entries.set(key, pending);
      pending.catch(() => entries.delete(key));
      while (entries.size > limit) entries.delete(entries.keys().next().value!);
      return pending;
    },
    /** The kept computation for `key`, if any (marked most recently used), without computing. */
    peek<T>(key: string): Promise<T> | undefined {
      const hit = entries.get(key) as Promise<T> | undefined;
      if (hit) {
        // Most recently used last, so the oldest is the one dropped.
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    clear: () => entries.clear(),
  };
}

const figures = keptByKey("__mildKeptFigures", MAX_ENTRIES);

export async function dataVersion(): Promise<string> {
  const db = getDb();
  const [[audit], marks, rest] = await Promise.all([
    // The newest write that can change a figure: read backwards from the newest row past the sign-ins, exports and
    // invitations written since (lib/dal/outcomes/outcomeFactEntities.ts).
    db
      .select({ v: auditLog.id })
      .from(auditLog)
      .where(notInArray(auditLog.entity, [...NO_OUTCOME_FACTS]))
      .orderBy(desc(auditLog.id))
      .limit(1),
    // And a write that left no audit row (a script, a restore), which the practice snapshot notices the same way.
    factTableMarks(db),
    namesVersion(),
  ]);
  return `${audit?.v ?? 0}|${marks}|${rest}`;
}

/** The accounts' newest change and the sites' names and zones: the names and clocks the figures show. */
async function namesVersion(): Promise<string> {
  const db = getDb();
  const [siteRows, [account]] = await Promise.all([
    // A clinic has a handful of sites, and their rename is not audited: their names are part of the version.
    db.select({ id: sites.id, name: sites.name, zone: sites.timeZone }).from(sites).orderBy(sites.id),
    db.select({ v: max(users.updatedAt) }).from(users),
  ]);
  const siteText = siteRows.map((r) => `${r.id}:${r.name}:${r.zone ?? ""}`).join(",");
  return `${account?.v ?? ""}|${siteText}`;
}

/**
 * The version of figures computed from one physician's procedures alone (their own view, or a quality officer's
 * view of them): another physician's write does not change it, so twenty physicians' dashboards are not all
 * computed again after each one's form save.
 */
async function physicianVersion(physicianId: number): Promise<string> {
  const [facts, names] = await Promise.all([physicianFactsVersion(physicianId), namesVersion()]);
  return `p${physicianId}:${facts}|${names}`;
}

const noop = () => undefined;

/** Per key, the computation waiting for the key's running one to end: every caller who comes meanwhile joins it. */
const queuedShared = globalThis as unknown as { __mildQueuedFigures?: Map<string, Promise<unknown>>; __mildRunningFigures?: Map<string, Promise<unknown>> };
const queued = (queuedShared.__mildQueuedFigures ??= new Map());
const running = (queuedShared.__mildRunningFigures ??= new Map());

/**
 * `compute()` once per key and data version. The caller checks access before asking (the key must say whose view
 * it is when the figures depend on the principal).
 *
 * While the data keep changing (a write every few hundred milliseconds), a computation per caller would queue up
 * faster than they finish. So a key has at most one computation running and one waiting: a caller whose version
 * is not kept joins the waiting one, which reads the data's version only when it starts, after the caller asked —
 * so what it gives includes every write the caller could have seen, and is never stale.
 *
 * `scope.physician`: the figures come from that physician's procedures alone, and are kept until one of those
 * changes (or a name or a site), not until any write.
 */
export async function versioned<T>(key: string, compute: () => Promise<T>, scope: { physician: number | null } = { physician: null }): Promise<T> {
  const version = () => (scope.physician === null ? dataVersion() : physicianVersion(scope.physician));
  const asked = await version();
  const kept = figures.peek<T>(`${asked}#${key}`);
  if (kept) return kept;
  const waiting = queued.get(key) as Promise<T> | undefined;
  if (waiting) return waiting;
  const before = running.get(key);
  // Registered as the waiting one before it starts: it starts after the key's running one, at the earliest in a microtask.
  const next: Promise<T> = (before ? before.then(noop, noop) : Promise.resolve()).then(async () => {
    queued.delete(key);
    running.set(key, next);
    try {
      return await figures.get(`${await version()}#${key}`, async () => {
        // Each computation starts as a task of its own, after whatever I/O is waiting.
        await new Promise<void>((resolve) => setImmediate(resolve));
        return compute();
      });
    } finally {
      if (running.get(key) === next) running.delete(key);
    }
  });
  queued.set(key, next);
  return next;
}

/**
 * Empties the cache, as at a server's start: for the benchmark's cold timings and the tests' from-scratch
 * recomputations. `asAfterAWrite` empties only the figures kept by version, as a write makes them out of date, and
 * keeps the last computations with their inputs to compare the new data with (cohort.ts keptUnlessChanged).
 */
export function clearVersionedCache(opts: { asAfterAWrite?: boolean } = {}): void {
  figures.clear();
  if (!opts.asAfterAWrite) forgetLastComputations();
}
