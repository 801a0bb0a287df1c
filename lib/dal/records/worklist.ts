import "server-only";
import { and, asc, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { ContactOutcome } from "@/db/enums";
import { getDb, rawRows } from "@/db/client";
import { configuredDialect } from "@/db/dialect";
import { contactAttempts, invitations, patients, procedures, users } from "@/db/schema";
import { stillFollowed } from "@/lib/dal/records/followUpSql";
import { addDaysIso, epochDay, type Clock } from "@/lib/outcomes/dates";
import { SCHEDULE, type ScheduledTimepoint, type TimepointWindow } from "@/lib/outcomes/timepoints";
import { idEquals } from "@/lib/dal/filters";
import { canSeeAllPhysicians, type Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";
import { siteDays, type SiteDays } from "@/lib/dal/siteClock";
import { dataVersion, keptByKey } from "@/lib/dal/outcomes/versionedCache";
import { worklistQuerySchema, type WorklistQuery, type WorklistSort } from "@/lib/validation/worklist";

export type WorklistItem = {
  /** the procedure's id: a procedure has at most one open window at a time (the schedule's windows do not overlap) */
  id: number;
  procedureId: number;
  patientId: number;
  patientName: string;
  mrn: string;
  physicianName: string;
  procedureDate: string;
  timepoint: ScheduledTimepoint;
  state: "due" | "overdue";
  windowOpens: string;
  nominalDate: string;
  windowCloses: string;
  /** days until the window closes (0 = closes today) */
  daysLeft: number;
  /** Contact attempts recorded for the procedure, and the latest one ("3rd attempt, 2 Jun: no answer"). */
  attempts: number;
  lastAttempt: { on: string; outcome: ContactOutcome } | null;
  /**
   * The timepoint's invitation when the patient was reminded twice and has not answered (nor opened a reply):
   * the worklist says to call, and offers the link letter. Null otherwise.
   */
  unansweredInvitation: { key: string; reminders: number } | null;
};

/** Reminders after which an unanswered invitation becomes a call (the schedule sends two: after 3 and 7 days). */
export const CALL_AFTER_REMINDERS = 2;

/** An ISO date column as whole days since 1970-01-01 (lib/outcomes/dates.ts's epochDay), on either backend. */
function epochDaySql(column: SQL): SQL {
  return configuredDialect() === "postgres" ? sql`(${column}::date - date '1970-01-01')` : sql`cast(julianday(${column}) - 2440587.5 as integer)`;
}

/** A constant of our own (a timepoint name or a whole number) inlined, so both backends type it alike in a UNION. */
const literal = (value: string | number): SQL => {
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new RangeError(`worklist: ${value} is not a whole number`);
    return sql.raw(String(value));
  }
  if (!/^[a-z0-9_]+$/.test(value)) throw new RangeError(`worklist: ${value} is not a plain name`);
  return sql.raw(`'${value}'`);
};

/**
 * Sites grouped by their today. Sites' todays differ by at most a day or two, so there are one to three groups;
 * with one, no site condition is needed at all.
 */
function siteGroups(days: SiteDays): SiteGroup[] {
  const groups = new Map<string, number[]>();
  for (const s of days.sites) groups.set(s.today, [...(groups.get(s.today) ?? []), s.id]);
  if (groups.size <= 1) return [{ today: [...groups.keys()][0] ?? days.server, siteIds: null }];
  return [...groups].map(([today, siteIds]) => ({ today, siteIds }));
}

type SiteGroup = { today: string; siteIds: number[] | null };
/** A branch cut to its first `n` rows in the page's order: by procedure date then id, or by id alone. */
type BranchCut = { by: "date" | "id"; dir: "asc" | "desc"; n: number };

/**
 * The open follow-ups of one timepoint at the sites of one today: procedures whose window is open on that day,
 * without an assessment at the timepoint, of patients still followed, within the principal's scope. Its
 * state, days left and target day are computed here, so the database can count, sort and page them; for a count,
 * only the state (read from the procedure-date index alone, without the table's rows).
 */
function openWindowRows(where: SQL | undefined, group: SiteGroup, w: TimepointWindow, order: number, shape: "count" | BranchCut | null): SQL {
  const today = epochDay(group.today);
  const day = epochDaySql(sql`${procedures.procedureDate}`);
  const state = sql`case when ${procedures.procedureDate} < ${addDaysIso(group.today, -w.day)} then 'overdue' else 'due' end as state`;
  const columns =
    shape === "count"
      ? state
      : sql`${procedures.id} as id, ${procedures.patientId} as patient_id, ${procedures.physicianId} as physician_id,
      ${procedures.procedureDate} as procedure_date, ${literal(w.timepoint)} as timepoint, ${literal(order)} as timepoint_order, ${state},
      ${day} + ${literal(w.to - today)} as days_left,
      ${day} + ${literal(w.day)} as target_day`;
  const rows = sql`select ${columns}
    from ${procedures}
    where ${and(
      where,
      group.siteIds ? inArray(procedures.siteId, group.siteIds) : undefined,
      gte(procedures.procedureDate, addDaysIso(group.today, -w.to)),
      lte(procedures.procedureDate, addDaysIso(group.today, -w.from)),
      sql`not exists (select 1 from assessments a where a.procedure_id = ${procedures.id} and a.timepoint = ${literal(w.timepoint)})`,
      // Lost, withdrawn or deceased: no longer expected anywhere, so nothing to chase. Checked after the
      // assessment, which rules out more rows, so fewer rows need this probe.
      stillFollowed,
    )}`;
  if (shape === null || shape === "count") return rows;
  const dir = sql.raw(shape.dir);
  const orderBy = shape.by === "date" ? sql`${procedures.procedureDate} ${dir}, ${procedures.id} ${dir}` : sql`${procedures.id} ${dir}`;
  return sql`select * from (${rows} order by ${orderBy} limit ${literal(shape.n)}) ${sql.raw(`b${order}_${group.today.replaceAll("-", "")}`)}`;
}

/** Every open follow-up the principal may see (as a derived table `wl`): one row per procedure with an open window. */
function openFollowUps(principal: Principal, physician: number | undefined, days: SiteDays, shape: "count" | BranchCut | null): SQL {
  const where = and(
    procedureScope(principal),
    physician !== undefined && canSeeAllPhysicians(principal) ? idEquals(procedures.physicianId, physician) : undefined,
  );
  const branches = siteGroups(days).flatMap((group) => SCHEDULE.map((w, order) => openWindowRows(where, group, w, order, shape)));
  return sql`(${sql.join(branches, sql` union all `)}) wl`;
}

/**
 * Urgency: overdue first by days left (on each site's today), then due by target day (the calendar date, as a day
 * number); each key only compares within its state.
 */
const URGENCY = [sql`case when wl.state = 'overdue' then 0 else 1 end`, sql`case when wl.state = 'overdue' then wl.days_left else wl.target_day end`];

// Names by a correlated lookup (one index probe per row), so the page is cut before any join.
const SORT_KEYS: Record<WorklistSort, SQL[]> = {
  state: URGENCY,
  patient: [sql`(select p.name from ${patients} p where p.id = wl.patient_id)`],
  physician: [sql`(select u.name from ${users} u where u.id = wl.physician_id)`],
  timepoint: [sql`wl.timepoint_order`],
  procedure: [sql`wl.procedure_date`],
  target: [sql`wl.target_day`],
  daysLeft: [sql`wl.days_left`],
  contact: [sql`(select count(*) from ${contactAttempts} ca where ca.procedure_id = wl.id)`],
};

type Counts = { overdue: number; due: number };

/**
 * The headline counts, kept per view until the data changes. Counting every open follow-up is the one part of
 * the page whose cost grows with the practice (at 100,000 procedures about 40 ms on SQLite and 100 ms on
 * PostgreSQL, two index probes per procedure inside a window); the page itself reads a few rows per timepoint.
 * Keyed by the data version of lib/dal/outcomes/versionedCache.ts (every committed record write advances it, on
 * any app server, so a count is never stale), by whose view it is and by each site's today. A cache of its own:
 * counts are tiny and many (one per physician and filter) and must not push the dashboards' figures out of theirs.
 */
const countCache = keptByKey("__mildWorklistCounts", 500);

function worklistCounts(principal: Principal, physician: number | undefined, days: SiteDays, version: string): Promise<Counts> {
  const whose = canSeeAllPhysicians(principal) ? `all:${physician ?? ""}` : `${principal.role}:${principal.id}`;
  const when = siteGroups(days)
    .map((g) => `${g.today}:${g.siteIds?.join(".") ?? "*"}`)
    .join("|");
  return countCache.get(`${version}#${whose}#${when}`, () => countOpenFollowUps(principal, physician, days));
}

async function countOpenFollowUps(principal: Principal, physician: number | undefined, days: SiteDays): Promise<Counts> {
  const rows = await rawRows(sql`select wl.state, count(*) from ${openFollowUps(principal, physician, days, "count")} group by wl.state`);
  const counts = { overdue: 0, due: 0 };
  for (const [state, n] of rows) counts[state as keyof Counts] = Number(n);
  return counts;
}

/** Forgets the kept counts: for the benchmark's cold timings. */
export function clearWorklistCounts(): void {
  countCache.clear();
}

/**
 * Sorts whose order inside one branch (one timepoint at one site day) is that of the procedure date then id
 * (urgency, days left and the target day all grow with the procedure date there), or of the id alone (the
 * timepoint is the branch's own): each branch is cut to the page's last row before the union is sorted, so the
 * first page reads a few rows per timepoint instead of every open follow-up.
 */
const BRANCH_ORDER: Partial<Record<WorklistSort, BranchCut["by"]>> = { state: "date", procedure: "date", target: "date", daysLeft: "date", timepoint: "id" };

/**
 * One page of the open follow-ups, sorted, with how many there are (overdue, due): counted, sorted and paged by
 * the database. The first page in urgency order reads a few rows per timepoint whatever the practice's size; the
 * counts read every open follow-up, once per data version (worklistCounts). Each procedure's window is
 * judged on its site's today, so a clinic east of the server sees tomorrow's follow-ups open on time. Ties
 * (and every sort) end with the procedure id, so a page boundary never repeats or skips a row.
 */
export async function getWorklist(principal: Principal, query: Partial<WorklistQuery> = {}, clock: Clock = new Date()) {
  // The view leniently (a bad page, size or sort is its default); the physician id as given: idEquals matches
  // nothing for an id no column holds, rather than dropping the filter.
  const view = worklistQuerySchema.parse({ page: query.page, size: query.size, sort: query.sort, dir: query.dir });
  const [days, version] = await Promise.all([siteDays(clock), dataVersion()]);

  // The page is sorted and cut on the open follow-ups alone (their sort keys computed once, as k0, k1), and
  // only its rows are joined to their names: sorting every open follow-up's joined row cost more than the scan.
  const direction = view.dir === "desc" ? sql` desc` : sql` asc`;
  const by = BRANCH_ORDER[view.sort];
  const open = openFollowUps(principal, query.physician, days, by ? { by, dir: view.dir, n: view.page * view.size } : null);
  const keys = SORT_KEYS[view.sort];
  const orderBy = (qualifier: string) =>
    sql.join(
      [...keys.map((_, i) => sql.raw(`${qualifier}k${i}`)), sql`wl.id`].map((key) => sql`${key}${direction}`),
      sql`, `,
    );
  // The counts and the page at once (on PostgreSQL two pool connections; SQLite runs them in turn).
  const [counts, page] = await Promise.all([
    worklistCounts(principal, query.physician, days, version),
    rawRows(sql`select wl.id, wl.patient_id, wl.procedure_date, wl.timepoint, wl.state, wl.days_left, ${patients.name}, ${patients.mrn}, ${users.name}
    from (select wl.*, ${sql.join(
      keys.map((key, i) => sql`${key} as ${sql.raw(`k${i}`)}`),
      sql`, `,
    )} from ${open} order by ${orderBy("")} limit ${view.size} offset ${(view.page - 1) * view.size}) wl
    join ${patients} on ${patients.id} = wl.patient_id
    join ${users} on ${users.id} = wl.physician_id
    order by ${orderBy("wl.")}`),
  ]);

  const rows = page.map(([id, patientId, procedureDate, timepoint, state, daysLeft, patientName, mrn, physicianName]) => {
    const w = SCHEDULE.find((s) => s.timepoint === timepoint)!;
    return {
      id: Number(id),
      procedureId: Number(id),
      patientId: Number(patientId),
      patientName: String(patientName),
      mrn: String(mrn),
      physicianName: String(physicianName),
      procedureDate: String(procedureDate),
      timepoint: w.timepoint,
      state: state as WorklistItem["state"],
      windowOpens: addDaysIso(String(procedureDate), w.from),
      nominalDate: addDaysIso(String(procedureDate), w.day),
      windowCloses: addDaysIso(String(procedureDate), w.to),
      daysLeft: Number(daysLeft),
    };
  });
  return { rows: await withContacts(rows), total: counts.overdue + counts.due, counts, view };
}

/** The page's contact attempts and unanswered invitations: two queries over the page's procedures only. */
async function withContacts(rows: Omit<WorklistItem, "attempts" | "lastAttempt" | "unansweredInvitation">[]): Promise<WorklistItem[]> {
  if (rows.length === 0) return [];
  const db = getDb();
  const ids = rows.map((r) => r.id);
  const attempts = new Map<number, { n: number; last: WorklistItem["lastAttempt"] }>();
  const [contacts, invited] = await Promise.all([
    db
      .select({ procedureId: contactAttempts.procedureId, on: contactAttempts.attemptedOn, outcome: contactAttempts.outcome })
      .from(contactAttempts)
      .where(inArray(contactAttempts.procedureId, ids))
      .orderBy(asc(contactAttempts.attemptedOn), asc(contactAttempts.id)),
    // Looked up by (procedure, key), the unique index; status and reminders are judged here, since a condition on
    // the status lets SQLite pick the status index and read every sent invitation instead.
    db
      .select({ procedureId: invitations.procedureId, key: invitations.key, status: invitations.status, reminders: invitations.reminderCount })
      .from(invitations)
      .where(and(inArray(invitations.procedureId, ids), inArray(invitations.key, [...new Set(rows.map((r) => `follow_up:${r.timepoint}`))]))),
  ]);
  for (const c of contacts) attempts.set(c.procedureId, { n: (attempts.get(c.procedureId)?.n ?? 0) + 1, last: { on: c.on, outcome: c.outcome } });
  const unanswered = new Map(
    invited
      .filter((i) => (i.status === "sent" || i.status === "opened") && i.reminders >= CALL_AFTER_REMINDERS)
      .map((i) => [`${i.procedureId}:${i.key}`, { key: i.key, reminders: i.reminders }]),
  );
  return rows.map((r) => ({
    ...r,
    attempts: attempts.get(r.id)?.n ?? 0,
    lastAttempt: attempts.get(r.id)?.last ?? null,
    unansweredInvitation: unanswered.get(`${r.id}:follow_up:${r.timepoint}`) ?? null,
  }));
}
