import "server-only";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import { getDb, inTransaction } from "@/db/client";
import { patients, procedures, users } from "@/db/schema";
import { todayIso } from "@/lib/outcomes/dates";
import { outcomeFiltersKey, type OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import type { CohortProcedure, OutcomeCohort } from "@/lib/outcomes/cohort";
import {
  cohortOf,
  deriveCohort,
  deriveProcedure,
  derivationOf,
  outcomeFilterTest,
  type BaseProcedure,
  type Derivation,
  type ProcedureFacts,
} from "@/lib/outcomes/cohortBase";
import { readBaseProcedures, RISK_COLUMNS, type ProcedureIdRange } from "@/lib/dal/outcomes/cohortRows";
import { practiceProcedures } from "@/lib/dal/outcomes/practiceSnapshot";
import { NotFoundError } from "@/lib/dal/errors";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";

/**
 * The outcomes cohort: the procedures a principal may see under the dashboard's filters, with what every
 * outcome statistic needs (assessments, qualifying complications) and the per-procedure values derived from
 * them (relief event/day, qualifying-complication flag, worst grade). The dashboard, the JSON API and the
 * CSV export of the same view all read it, so they cannot disagree.
 *
 * Derived (lib/outcomes/cohortBase.ts) from each procedure's facts: read from the database for the export
 * (readCohort), and from the practice snapshot kept up to date between requests for the dashboards
 * (practiceCohort) — the same derivation either way, so they cannot disagree.
 */

/**
 * The filters as SQL over procedures joined to patients, without any authorization (callers add the scope).
 * `includePhysician: false` leaves the physician filter out (the pool and the quality view use all physicians).
 */
export function outcomeFilterSql(filters: OutcomeFilters, opts: { includePhysician?: boolean } = {}): SQL | undefined {
  return and(
    opts.includePhysician !== false && filters.physician !== undefined ? eq(procedures.physicianId, filters.physician) : undefined,
    filters.site !== undefined ? eq(procedures.siteId, filters.site) : undefined,
    filters.from ? sql`${procedures.procedureDate} >= ${filters.from}` : undefined,
    filters.to ? sql`${procedures.procedureDate} <= ${filters.to}` : undefined,
    filters.diagnosis ? eq(patients.diagnosis, filters.diagnosis) : undefined,
    filters.riskFactor ? eq(RISK_COLUMNS[filters.riskFactor], true) : undefined,
    filters.flag === "exclude" ? eq(procedures.priorTreatmentFlag, false) : undefined,
    filters.flag === "only" ? eq(procedures.priorTreatmentFlag, true) : undefined,
    filters.levels?.length ? or(...filters.levels.map((l) => sql`(',' || ${procedures.levels} || ',') like ${`%,${l},%`}`)) : undefined,
  );
}

/**
 * Who may look at which physician's outcomes. A physician sees only their own: asking for another
 * physician is answered exactly like asking for one who does not exist (NotFound), so ids cannot be probed.
 * Quality officers and admins may look at any physician (or everyone). Coordinators see no outcomes at all.
 */
export async function assertOutcomeAccess(principal: Principal, filters: Pick<OutcomeFilters, "physician">): Promise<void> {
  // Coordinators enter data; outcome figures are for the physicians and the quality officers (their home shows completeness only).
  if (principal.role === "coordinator") throw new NotFoundError("Page");
  if (filters.physician === undefined) return;
  if (canSeeAllPhysicians(principal)) {
    const [row] = await getDb()
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, filters.physician), eq(users.role, "physician")))
      .limit(1);
    if (!row) throw new NotFoundError("Physician");
    return;
  }
  if (principal.role !== "physician" || filters.physician !== principal.id) throw new NotFoundError("Physician");
}

/**
 * Unscoped read: callers decide the WHERE (the principal's scope, or the pool's "other physicians"). Always
 * from the database — the export reads through it inside its transaction, and the tests use it as the
 * from-scratch recomputation the kept practice snapshot (practiceSnapshot.ts) is checked against.
 */
export async function readCohort(where: SQL | undefined, filters: OutcomeFilters, today = todayIso(), ids?: ProcedureIdRange): Promise<OutcomeCohort> {
  return deriveCohort(await readBaseProcedures(where, ids), filters, today);
}

/**
 * The cohort a principal asked for: their scope (a physician only ever gets their own procedures), then the
 * filters. Throws NotFoundError when a physician asks for another physician (see assertOutcomeAccess).
 */
export async function outcomeCohort(principal: Principal, filters: OutcomeFilters, today = todayIso()): Promise<OutcomeCohort> {
  await assertOutcomeAccess(principal, filters);
  if (inTransaction()) return readCohort(and(procedureScope(principal), outcomeFilterSql(filters)), filters, today);
  const inScope = scopeTest(principal);
  const matches = outcomeFilterTest(filters);
  const scope = canSeeAllPhysicians(principal) ? "all" : `${principal.role}:${principal.id}`;
  return practiceCohort((p) => inScope(p) && matches(p), filters, today, `scope:${scope}`);
}

/**
 * procedureScope as a test on a procedure's facts, for the roles that see outcomes (assertOutcomeAccess turns
 * coordinators away first): a physician their own procedures, quality officers and admins all; anyone else none.
 */
function scopeTest(principal: Principal): (p: ProcedureFacts) => boolean {
  if (canSeeAllPhysicians(principal)) return () => true;
  if (principal.role === "physician") return (p) => p.physicianId === principal.id;
  return () => false;
}

/**
 * Unscoped: the cohort of the procedures `keep` selects, derived from the practice snapshot (never behind a
 * committed write). Callers decide `keep` — the principal's scope, or the pool's "other physicians" — and
 * return only aggregates of what lies outside the principal's scope.
 *
 * `selection` names what `keep` selects besides the filters (the scope, the pool's physician): the cohort is then
 * kept on the derived practice it came from, and goes with it at the next write — a view's headline and its three
 * costlier parts each ask for it (outside a React request, as on the figure worker, `cache` does not share it),
 * and selecting 100,000 procedures again costs about 11 ms each time.
 */
export async function practiceCohort(
  keep: (p: ProcedureFacts) => boolean,
  filters: OutcomeFilters,
  today = todayIso(),
  selection?: string,
): Promise<OutcomeCohort> {
  const all = await practiceProcedures();
  const derived = derivedPractice(all, filters);
  const key = selection === undefined ? null : `${selection}|${outcomeFiltersKey(filters)}|${today}`;
  const kept = key === null ? undefined : derived.cohorts.get(key);
  if (kept) return kept;
  const procedures: CohortProcedure[] = [];
  let outOfWindow = 0;
  for (let i = 0; i < all.length; i++) {
    if (!keep(all[i]!.facts)) continue;
    procedures.push(derived.procedures[i]!);
    outOfWindow += derived.outOfWindow[i]!;
  }
  const cohort = cohortOf(derived.derivation, filters, today, procedures, outOfWindow);
  if (key !== null) {
    if (derived.cohorts.size >= KEPT_COHORTS) derived.cohorts.clear();
    derived.cohorts.set(key, cohort);
  }
  return cohort;
}

/** Cohorts kept on one derived practice: each is an array of references (0.8 MB at 100,000). */
const KEPT_COHORTS = 8;

type DerivedPractice = {
  list: readonly BaseProcedure[];
  derivation: Derivation;
  procedures: CohortProcedure[];
  outOfWindow: Uint32Array;
  /** The cohorts selected from it, by selection, filters and day (practiceCohort). */
  cohorts: Map<string, OutcomeCohort>;
};
type DerivedProcedure = ReturnType<typeof deriveProcedure>;
type KeptDerivation = {
  derivation: Derivation;
  byBase: WeakMap<BaseProcedure, DerivedProcedure>;
  last: DerivedPractice | null;
  /** The last computation per key with what it was computed from (keptUnlessChanged), kept across writes. */
  computed: Map<string, { procedures: readonly CohortProcedure[]; context: string; result: unknown }>;
};

/** Derivations kept at once (the default definition and criterion, and one other), the most recently used last. */
const KEPT_DERIVATIONS = 2;
// On globalThis for the same reason as the snapshot: the pages and the route handlers are bundled apart.
const derivations = ((globalThis as unknown as { __mildDerivedPractice?: KeptDerivation[] }).__mildDerivedPractice ??= []);

/**
 * The whole snapshot derived under the filters' definition, criterion and out-of-window rule: every view until
 * the next write — each physician's own figures and their pool, the everyone view, the quality page, the risk
 * models — takes its procedures from it instead of deriving the same ones again. A write replaces only the
 * snapshot's objects of the procedures it touched, so only those are derived again (kept per base object). The
 * derived procedures are shared and never changed (as the snapshot's).
 */
function derivedPractice(all: readonly BaseProcedure[], filters: OutcomeFilters): DerivedPractice {
  const wanted = derivationOf(filters);
  const at = derivations.findIndex((x) => x.derivation.key === wanted.key);
  const kept: KeptDerivation =
    at >= 0 ? derivations.splice(at, 1)[0]! : { derivation: wanted, byBase: new WeakMap<BaseProcedure, DerivedProcedure>(), last: null, computed: new Map() };
  derivations.push(kept);
  while (derivations.length > KEPT_DERIVATIONS) derivations.shift();
  if (kept.last?.list === all) return kept.last;
  const procedures = new Array<CohortProcedure>(all.length);
  const outOfWindow = new Uint32Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const base = all[i]!;
    let derived = kept.byBase.get(base);
    if (!derived) {
      derived = deriveProcedure(base, kept.derivation);
      kept.byBase.set(base, derived);
    }
    procedures[i] = derived.procedure;
    outOfWindow[i] = derived.outOfWindow;
  }
  kept.last = { list: all, derivation: kept.derivation, procedures, outOfWindow, cohorts: new Map() };
  return kept.last;
}

/** Forgets the kept derivations: for the benchmark's timings. */
export function forgetDerivedPractice(): void {
  derivations.length = 0;
}

/** Computations kept per derivation with their inputs: every physician's view and pool, a dozen parts each (an entry holds its view's array of procedures, shared by its parts). */
const KEPT_COMPUTATIONS = 512;

/**
 * A figure of `cohort`: `compute()`, unless the last computation under `key` on the cohort's derivation was from
 * procedures that are, in order, the same objects or `alike` in what the figure reads, and from the same `context`
 * (anything else it reads, as text: the physicians' names): then its result, unchanged. A write advances the
 * data's version, so every figure kept by version (versionedCache.ts) is computed again, yet most writes leave most
 * figures' inputs alone — a diary day changes no score trajectory, a visit at 3 months no risk model and no
 * complication rate. Kept on the derivation because the kept procedures are its derived ones: they go with it (a
 * derivation no longer kept keeps nothing).
 */
export function keptUnlessChanged<T>(
  cohort: OutcomeCohort,
  key: string,
  alike: (a: CohortProcedure, b: CohortProcedure) => boolean,
  compute: () => T,
  context = "",
): T {
  const wanted = derivationOf(cohort.filters).key;
  const kept = derivations.find((x) => x.derivation.key === wanted);
  const last = kept?.computed.get(key);
  if (last && last.context === context && sameProcedures(last.procedures, cohort.procedures, alike)) {
    // The result stands for these procedures too: the next write is compared with them (references again, and the
    // replaced procedures' old objects let go).
    last.procedures = cohort.procedures;
    return last.result as T;
  }
  const result = compute();
  if (kept) {
    if (kept.computed.size >= KEPT_COMPUTATIONS) kept.computed.clear();
    kept.computed.set(key, { procedures: cohort.procedures, context, result });
  }
  return result;
}

/** Forgets the last computations and their inputs, as at a server's start: for from-scratch recomputations. */
export function forgetLastComputations(): void {
  for (const d of derivations) d.computed.clear();
}

/**
 * Whether two selections of procedures are, in order, the same objects or `alike` in what a computation reads. A
 * write replaces only the objects of the procedures it touched, so this compares references and looks into those few.
 */
function sameProcedures(
  before: readonly CohortProcedure[],
  now: readonly CohortProcedure[],
  alike: (a: CohortProcedure, b: CohortProcedure) => boolean,
): boolean {
  if (before.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) if (before[i] !== now[i] && !alike(before[i]!, now[i]!)) return false;
  return true;
}

/**
 * Every physician's procedures under the filters, the physician filter left out (the quality view compares
 * them all; the pool leaves out the physician in focus). Unscoped: only for callers that checked access and
 * return aggregates.
 */
export function practiceWideCohort(filters: OutcomeFilters, today: string, opts: { except?: number } = {}): Promise<OutcomeCohort> {
  const matches = outcomeFilterTest(filters, { includePhysician: false });
  const keep = opts.except === undefined ? matches : (p: ProcedureFacts) => p.physicianId !== opts.except && matches(p);
  return practiceCohort(keep, { ...filters, physician: undefined }, today, `practice-except:${opts.except ?? "none"}`);
}
