/**
 * The procedure list's follow-up filters are SQL (one form per backend, see lib/dal/records/followUpSql.ts); the follow-up
 * rule itself is TypeScript (followUpState). Over a whole demo practice, on whichever backend runs the suite,
 * each filter must select exactly the procedures the rule puts in that state.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { assessments, followUpStatuses, procedures } from "@/db/schema";
import { listProcedures } from "@/lib/dal/records/procedureList";
import { daysBetween } from "@/lib/outcomes/dates";
import { followUpState, SCHEDULE, type FollowUpState } from "@/lib/outcomes/timepoints";
import { procedureListQuerySchema } from "@/lib/validation/procedureList";
import { seedDemoInto } from "../fixtures/csv/csvHelpers";
import { tempDatabaseForFile } from "../support/tempDb";

const t = await tempDatabaseForFile("follow-up-filters");

const TODAY = "2026-11-25";
const officer = { id: 0, email: "qo@test.example", name: "QO", role: "quality_officer" as const, siteId: null };
const expected = new Map<string, Set<number>>();

beforeAll(async () => {
  await seedDemoInto(t, { procedures: 400, seed: 5, end: TODAY });
  const done = new Map<number, Set<string>>();
  for (const a of await getDb().select({ p: assessments.procedureId, tp: assessments.timepoint }).from(assessments)) {
    if (!done.has(a.p)) done.set(a.p, new Set());
    done.get(a.p)!.add(a.tp);
  }
  for (const k of ["overdue", "due", "missed", "up_to_date"]) expected.set(k, new Set());
  // Lost, withdrawn or deceased: nothing is due or overdue (nothing to chase); missed and up to date are facts either way.
  const ended = new Set((await getDb().select({ p: followUpStatuses.procedureId }).from(followUpStatuses)).map((r) => r.p));
  for (const p of await getDb().select({ id: procedures.id, date: procedures.procedureDate }).from(procedures)) {
    const days = daysBetween(p.date, TODAY);
    const states = new Map<string, FollowUpState>(
      SCHEDULE.map((w) => [w.timepoint, followUpState(w.timepoint, days, done.get(p.id)?.has(w.timepoint) ?? false)]),
    );
    const any = (s: FollowUpState, skipBaseline = false) => [...states].some(([tp, st]) => st === s && !(skipBaseline && tp === "baseline"));
    if (any("overdue") && !ended.has(p.id)) expected.get("overdue")!.add(p.id);
    // A baseline is recorded on or before the procedure day, so it is never "due" in the list's sense.
    if (any("due", true) && !ended.has(p.id)) expected.get("due")!.add(p.id);
    if (any("missed")) expected.get("missed")!.add(p.id);
    if (!any("missed") && !any("overdue")) expected.get("up_to_date")!.add(p.id);
  }
});

async function idsListed(followUp: string): Promise<Set<number>> {
  const ids = new Set<number>();
  for (let page = 1; ; page++) {
    const { rows, total } = await listProcedures(officer, procedureListQuerySchema.parse({ followUp, size: "100", page: String(page) }), TODAY);
    rows.forEach((r) => ids.add(r.id));
    if (page * 100 >= total) break;
  }
  return ids;
}

describe(`follow-up filters on ${t.dialect}`, () => {
  it.each(["overdue", "due", "missed", "up_to_date"])("%s selects exactly the procedures the follow-up rule puts there", async (state) => {
    const want = expected.get(state)!;
    expect(want.size, `the demo practice has ${state} procedures`).toBeGreaterThan(0);
    expect([...(await idsListed(state))].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
  });
});
