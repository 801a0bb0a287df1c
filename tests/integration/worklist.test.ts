/**
 * The worklist counted, sorted and paged by the database (lib/dal/records/worklist.ts), checked against the
 * in-memory computation it replaced (tests/support/worklistReference.ts) on a seeded database, on whichever
 * backend runs the suite: the same rows in the same order page after page, the same counts, each principal's
 * scope (a physician never sees another's rows, a coordinator only their sites'), every sort, and URL values
 * that are not a view.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { contactAttempts, followUpStatuses, invitations, sites } from "@/db/schema";
import type { Principal } from "@/lib/dal/principal";
import { setFollowUpStatus } from "@/lib/dal/records/followUp";
import { getWorklist, type WorklistItem } from "@/lib/dal/records/worklist";
import { addDaysIso } from "@/lib/outcomes/dates";
import { SCHEDULE, SCHEDULED_TIMEPOINTS } from "@/lib/outcomes/timepoints";
import { parseWorklistQuery, WORKLIST_SORTS, type WorklistQuery, type WorklistSort } from "@/lib/validation/worklist";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertAssessment, insertCoordinator, insertPatient, insertProcedure, insertUser, principalOf } from "../support/fixtures";
import { referenceWorklist } from "../support/worklistReference";

const { db } = await tempDatabaseForFile("worklist");

// 11:00 UTC on 15 June 2026: already 16 June at the Kiritimati site (UTC+14), so its windows open a day earlier.
const INSTANT = new Date("2026-06-15T11:00:00Z");
const TODAY = "2026-06-15";

const who = {} as Record<"qo" | "admin" | "coordinator" | "doc1" | "doc2" | "doc3", Principal>;
const siteIds = { a: 0, b: 0, east: 0 };
const proceduresOf = new Map<number, { physicianId: number; siteId: number }>();

/** A small deterministic generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  const rnd = random(17);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const [a, b, east] = await db
    .insert(sites)
    .values([
      { code: "WLA", name: "Site A" },
      { code: "WLB", name: "Site B" },
      { code: "WLE", name: "Kiritimati", timeZone: "Pacific/Kiritimati" },
    ])
    .returning();
  Object.assign(siteIds, { a: a!.id, b: b!.id, east: east!.id });
  // Two physicians share a name: the physician sort's ties fall to the procedure id.
  who.doc1 = principalOf(await insertUser(db, "physician", { name: "Dr Jones", siteId: a!.id }));
  who.doc2 = principalOf(await insertUser(db, "physician", { name: "Dr Jones", siteId: b!.id }));
  who.doc3 = principalOf(await insertUser(db, "physician", { name: "Dr Adams", siteId: east!.id }));
  who.coordinator = principalOf(await insertCoordinator(db, [a!.id, east!.id]));
  who.qo = principalOf(await insertUser(db, "quality_officer"));
  who.admin = principalOf(await insertUser(db, "admin"));
  const doctors = [who.doc1, who.doc2, who.doc3];
  const names = ["Adams", "Baker", "Clark", "Baker", "Dunn"];
  for (let i = 0; i < 200; i++) {
    const doctor = pick(doctors);
    const siteId = pick([a!.id, b!.id, east!.id]);
    const patient = await insertPatient(db, siteId, { name: `${pick(names)} ${i % 7}` });
    // From 100 days ahead (baseline due) to 900 days ago (past every window), most inside some window; a quarter
    // inside the 6-week window (days 28–56), so one timepoint holds more open follow-ups than a page.
    const procedureDate = i % 4 === 0 ? addDaysIso(TODAY, -28 - Math.floor(rnd() * 29)) : addDaysIso(TODAY, -Math.floor(rnd() * 1000) + 100);
    const p = await insertProcedure(db, { patientId: patient.id, physicianId: doctor.id, siteId, procedureDate });
    proceduresOf.set(p.id, { physicianId: doctor.id, siteId });
    for (const tp of SCHEDULED_TIMEPOINTS) if (rnd() < 0.35) await insertAssessment(db, { procedureId: p.id, timepoint: tp, assessedOn: procedureDate });
    if (rnd() < 0.05) await db.insert(followUpStatuses).values({ procedureId: p.id, status: "withdrawn", statusDate: TODAY, createdBy: doctor.id });
    for (let n = Math.floor(rnd() * 4); n > 0; n--)
      await db.insert(contactAttempts).values({
        procedureId: p.id,
        attemptedOn: addDaysIso(TODAY, -Math.floor(rnd() * 5)),
        channel: "phone",
        outcome: pick(["no_answer", "left_message", "reached"] as const),
        createdBy: doctor.id,
      });
    if (rnd() < 0.3) {
      const timepoint = pick(SCHEDULED_TIMEPOINTS.filter((tp) => tp !== "baseline"));
      await db.insert(invitations).values({
        procedureId: p.id,
        kind: "follow_up",
        timepoint,
        key: `follow_up:${timepoint}`,
        tokenHash: `hash-${p.id}`,
        status: pick(["sent", "opened", "expired"] as const),
        plannedAt: `${TODAY}T00:00:00.000Z`,
        sentAt: `${TODAY}T00:00:00.000Z`,
        expiresAt: `${addDaysIso(TODAY, 20)}T00:00:00.000Z`,
        reminderCount: pick([0, 1, 2, 3]),
      });
    }
  }
});

const view = (over: Partial<WorklistQuery> = {}): WorklistQuery => ({ ...parseWorklistQuery({}), ...over });

/** Every page of a view, walked page by page as the table's Next button does. */
async function allPages(principal: Principal, over: Partial<WorklistQuery>, size = 10) {
  const rows: WorklistItem[] = [];
  const first = await getWorklist(principal, view({ ...over, size, page: 1 }), INSTANT);
  rows.push(...first.rows);
  for (let page = 2; page <= Math.ceil(first.total / size); page++) rows.push(...(await getWorklist(principal, view({ ...over, size, page }), INSTANT)).rows);
  return { rows, total: first.total, counts: first.counts };
}

const ORDER = new Map(SCHEDULE.map((w, i) => [w.timepoint, i]));
const KEYS: Record<Exclude<WorklistSort, "state">, (i: WorklistItem) => string | number> = {
  patient: (i) => i.patientName,
  physician: (i) => i.physicianName,
  timepoint: (i) => ORDER.get(i.timepoint)!,
  procedure: (i) => i.procedureDate,
  target: (i) => i.nominalDate,
  daysLeft: (i) => i.daysLeft,
  contact: (i) => i.attempts,
};
const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The reference rows in a sort's order: its key, then the procedure id; descending reverses both. */
function sortedLike(items: WorklistItem[], sort: WorklistSort, dir: "asc" | "desc") {
  const asc = sort === "state" ? [...items] : [...items].sort((x, y) => compare(KEYS[sort](x), KEYS[sort](y)) || x.id - y.id);
  return dir === "asc" ? asc : asc.reverse();
}

describe("the worklist computed in the database equals the in-memory computation", () => {
  it.each(["qo", "admin", "coordinator", "doc1", "doc2", "doc3"] as const)(
    "for the %s: every row in order across page boundaries, and the counts",
    async (key) => {
      const reference = await referenceWorklist(db, who[key], undefined, INSTANT);
      const paged = await allPages(who[key], {});
      expect(reference.items.length).toBeGreaterThan(key.startsWith("doc") ? 10 : 40);
      expect(paged.rows).toEqual(reference.items);
      expect(paged.counts).toEqual(reference.counts);
      expect(paged.total).toBe(reference.counts.overdue + reference.counts.due);
    },
  );

  it("agrees on a plain calendar date too (every site on the same day), and with the physician filter", async () => {
    for (const physician of [undefined, who.doc2.id]) {
      const reference = await referenceWorklist(db, who.qo, physician, TODAY);
      const page = await getWorklist(who.qo, view({ size: 100, physician }), TODAY);
      expect(page.rows).toEqual(reference.items.slice(0, 100));
      expect(page.counts).toEqual(reference.counts);
    }
  });

  it("exercises both states, the call prompt and contact attempts (the seed is not degenerate)", async () => {
    const { items } = await referenceWorklist(db, who.qo, undefined, INSTANT);
    expect(new Set(items.map((i) => i.state))).toEqual(new Set(["overdue", "due"]));
    expect(items.some((i) => i.unansweredInvitation)).toBe(true);
    expect(items.some((i) => i.attempts > 1)).toBe(true);
    expect(items.some((i) => proceduresOf.get(i.id)!.siteId === siteIds.east)).toBe(true);
    // More open follow-ups at one timepoint and site day than a page holds: each timepoint's cut is exercised.
    const perWeek6 = items.filter((i) => i.timepoint === "week_6" && proceduresOf.get(i.id)!.siteId !== siteIds.east);
    expect(perWeek6.length).toBeGreaterThan(10);
  });
});

describe("sorting", () => {
  it.each(WORKLIST_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))(
    "by %s %s: the reference rows in that order, ties by procedure id",
    async (sort, dir) => {
      const reference = await referenceWorklist(db, who.qo, undefined, INSTANT);
      const paged = await allPages(who.qo, { sort, dir }, 10);
      expect(paged.rows.map((r) => r.id)).toEqual(sortedLike(reference.items, sort, dir).map((r) => r.id));
    },
  );
});

describe("scope", () => {
  it("gives a physician only their own procedures, whatever physician filter they send", async () => {
    for (const doctor of [who.doc1, who.doc2, who.doc3]) {
      for (const physician of [undefined, who.doc1.id, who.doc2.id]) {
        const { rows, total } = await getWorklist(doctor, view({ size: 100, physician }), INSTANT);
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((r) => proceduresOf.get(r.id)!.physicianId === doctor.id)).toBe(true);
        expect(total).toBe((await allPages(doctor, {})).rows.length);
      }
    }
  });

  it("gives a coordinator only their sites' procedures, of every physician", async () => {
    const { rows } = await allPages(who.coordinator, {});
    expect(rows.every((r) => [siteIds.a, siteIds.east].includes(proceduresOf.get(r.id)!.siteId))).toBe(true);
    expect(new Set(rows.map((r) => proceduresOf.get(r.id)!.physicianId)).size).toBe(3);
    const everyone = (await allPages(who.qo, {})).rows;
    expect(rows.length).toBe(everyone.filter((r) => proceduresOf.get(r.id)!.siteId !== siteIds.b).length);
  });

  it("filters the quality officer's view to one physician", async () => {
    const { rows } = await allPages(who.qo, { physician: who.doc3.id });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => proceduresOf.get(r.id)!.physicianId === who.doc3.id)).toBe(true);
  });
});

describe("pages and hostile views", () => {
  it("reads page=-1, size=10^9, an unknown sort and direction from the URL as the defaults", () => {
    expect(parseWorklistQuery({ page: "-1", size: "1000000000", sort: "unknown", dir: "sideways", physician: "x" })).toEqual(parseWorklistQuery({}));
    expect(parseWorklistQuery({})).toMatchObject({ page: 1, size: 25, sort: "state", dir: "asc" });
  });

  it("answers the same hostile values given straight to the DAL with the default first page, not a crash", async () => {
    const hostile = { page: -1, size: 1e9, sort: "id; drop table procedures" as WorklistSort, dir: "up" as "asc" };
    const defaults = await getWorklist(who.qo, {}, INSTANT);
    const answered = await getWorklist(who.qo, hostile, INSTANT);
    expect(answered.rows).toEqual(defaults.rows);
    expect(answered.rows).toHaveLength(25);
    expect(answered.view).toMatchObject({ page: 1, size: 25, sort: "state", dir: "asc" });
  });

  it("gives an empty page past the end with the full counts, and the last page's remainder", async () => {
    const all = await allPages(who.qo, {});
    const beyond = await getWorklist(who.qo, view({ page: 1_000_000, size: 100 }), INSTANT);
    expect(beyond.rows).toEqual([]);
    expect(beyond.total).toBe(all.total);
    const lastPage = Math.ceil(all.total / 10);
    const last = await getWorklist(who.qo, view({ page: lastPage, size: 10 }), INSTANT);
    expect(last.rows).toEqual(all.rows.slice((lastPage - 1) * 10));
  });

  it("gives a physician id no column can hold an empty list, not everyone's", async () => {
    expect((await getWorklist(who.qo, { physician: 2 ** 31 }, INSTANT)).total).toBe(0);
  });
});

// Last: it changes the data the tests above compare.
describe("the counts kept between requests", () => {
  it("follow a write at once: a follow-up mark drops the procedure from the counts on the next request", async () => {
    const before = await getWorklist(who.qo, {}, INSTANT);
    const [first] = before.rows;
    const owner = [who.doc1, who.doc2, who.doc3].find((d) => d.id === proceduresOf.get(first!.id)!.physicianId)!;
    await setFollowUpStatus(owner, { procedureId: first!.id, status: "withdrawn", statusDate: TODAY });
    const after = await getWorklist(who.qo, {}, INSTANT);
    expect(after.counts[first!.state]).toBe(before.counts[first!.state] - 1);
    expect(after.counts).toEqual((await referenceWorklist(db, who.qo, undefined, INSTANT)).counts);
    expect(after.rows.map((r) => r.id)).not.toContain(first!.id);
  });
});
