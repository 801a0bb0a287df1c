/**
 * After a write, the costly figures are computed again only when the write changes what they read (issue 17): an
 * unscheduled visit hands out the last risk-model fits, quality page and score trajectories again — the very same
 * objects, equal to a fresh computation — while a corrected 12-month ODI fits the models and the trajectories
 * again (not the quality page), and a new procedure renews every one, each with the change in it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { assessments, procedures } from "@/db/schema";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import { outcomeSummary } from "@/lib/dal/outcomes/dashboard";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import { clearVersionedCache } from "@/lib/dal/outcomes/versionedCache";
import { forgetPracticeSnapshot } from "@/lib/dal/outcomes/practiceSnapshot";
import type { Principal } from "@/lib/dal/principal";
import { createAssessment } from "@/lib/dal/records/assessments";
import { createProcedure } from "@/lib/dal/records/procedures";
import { addDaysIso, daysBetween } from "@/lib/outcomes/dates";
import { DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW } from "@/lib/outcomes/outcomeFilters";
import { demoPrincipals, seedDemoInto } from "../fixtures/csv/csvHelpers";
import { tempDatabaseForFile } from "../support/tempDb";
import { correctMonth12Odi } from "../support/month12";

const t = await tempDatabaseForFile("figures-refit");
const db = t.db;
const TODAY = "2026-11-25";
let officer: Principal;
let doctor: Principal;

beforeAll(async () => {
  // Enough patients with a 12-month ODI for the ODI-change model to be fitted (10 per covariate).
  await seedDemoInto(t, { procedures: 700, seed: 5, end: TODAY, physicians: 3 });
  ({ qo: officer, doc: doctor } = await demoPrincipals(db));
}, 120_000);

/** The costly figures of a quality officer's pages: the risk models, the quality page, everyone's summary. */
const figures = async () => ({
  adjusted: await adjustedComparison(officer, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW.mcid, TODAY),
  quality: await qualityOverview(officer, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY),
  summary: await outcomeSummary(officer, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY),
});

/** From scratch: nothing kept — no figures, no last computations, no snapshot of the practice. */
async function fresh() {
  clearVersionedCache();
  forgetPracticeSnapshot();
  return figures();
}

const followUpDays = async (procedureId: number) => {
  const [p] = await db.select().from(procedures).where(eq(procedures.id, procedureId));
  const rows = await db.select({ on: assessments.assessedOn, t: assessments.timepoint }).from(assessments).where(eq(assessments.procedureId, procedureId));
  return rows.filter((r) => r.t !== "baseline").map((r) => daysBetween(p!.procedureDate, r.on));
};

const ownProcedure = async (n: number) =>
  (
    await db
      .select()
      .from(procedures)
      .where(eq(procedures.physicianId, doctor.id))
      .orderBy(asc(procedures.id))
      .limit(n + 1)
  )[n]!;

describe("the costly figures after a write", () => {
  it("are handed out again, the very same objects, after a visit none of them reads", async () => {
    const before = await figures();
    expect(before.adjusted.odiChange.model.status).toBe("fitted");
    // An unscheduled visit before the procedure's last follow-up: on no timepoint, moving no censoring day.
    const p = await ownProcedure(3);
    const lastDay = Math.max(...(await followUpDays(p.id)));
    expect(lastDay).toBeGreaterThan(20);
    await createAssessment(
      doctor,
      { procedureId: p.id, timepoint: "unscheduled", assessedOn: addDaysIso(p.procedureDate, 20), nprsBack: "3", nprsLeg: "3" },
      TODAY,
    );
    const after = await figures();
    expect(after.adjusted).toBe(before.adjusted);
    expect(after.quality).toBe(before.quality);
    expect(after.summary.trajectories).toBe(before.summary.trajectories);
    expect(after.summary.durability).toBe(before.summary.durability);
    // The summary itself is computed again (its headline reads every visit), and all of it equals a fresh one.
    expect(after.summary).not.toBe(before.summary);
    expect(after).toEqual(await fresh());
  });

  it("fit the models and the trajectories again after a corrected 12-month ODI, with the new score in them", async () => {
    const before = await figures();
    const id = await correctMonth12Odi(db, doctor, 0, 0, TODAY);
    expect((await db.select({ odi: assessments.odi }).from(assessments).where(eq(assessments.id, id)))[0]!.odi).toBe(0);
    const after = await figures();
    expect(after.adjusted).not.toBe(before.adjusted);
    expect(after.adjusted.odiChange.model.coefficients).not.toEqual(before.adjusted.odiChange.model.coefficients);
    expect(after.summary.trajectories).not.toBe(before.summary.trajectories);
    // No complication and no date changed: the quality page stands.
    expect(after.quality).toBe(before.quality);
    expect(after).toEqual(await fresh());
  });

  it("renew every one after a new procedure", async () => {
    const before = await figures();
    const p = await ownProcedure(0);
    await createProcedure(
      doctor,
      {
        patientId: p.patientId,
        physicianId: String(doctor.id),
        siteId: p.siteId,
        procedureDate: TODAY,
        levels: ["L4-L5"],
        side: p.side,
        anaesthesia: p.anaesthesia,
      },
      TODAY,
    );
    const after = await figures();
    expect(after.adjusted).not.toBe(before.adjusted);
    expect(after.adjusted.poolProcedures).toBe(before.adjusted.poolProcedures + 1);
    expect(after.adjusted.complication.model.n).toBe(before.adjusted.complication.model.n + 1);
    expect(after.quality).not.toBe(before.quality);
    expect(after.quality.pooled.procedures).toBe(before.quality.pooled.procedures + 1);
    expect(after.summary.procedures).toBe(before.summary.procedures + 1);
    expect(after).toEqual(await fresh());
  });
});
