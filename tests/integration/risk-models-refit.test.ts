/**
 * The risk-adjusted comparison is fitted again after a write only when the write changes what the models read
 * (issue 17): a visit at another timepoint hands the last fits out again — the very same object, equal to a fresh
 * fit — while a corrected 12-month ODI or a new procedure fits them again, with the change in them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { assessments, procedures } from "@/db/schema";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import { clearVersionedCache } from "@/lib/dal/outcomes/versionedCache";
import { forgetPracticeSnapshot } from "@/lib/dal/outcomes/practiceSnapshot";
import type { Principal } from "@/lib/dal/principal";
import { createAssessment } from "@/lib/dal/records/assessments";
import { createProcedure } from "@/lib/dal/records/procedures";
import { addDaysIso } from "@/lib/outcomes/dates";
import { DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW } from "@/lib/outcomes/outcomeFilters";
import { demoPrincipals, seedDemoInto } from "../fixtures/csv/csvHelpers";
import { tempDatabaseForFile } from "../support/tempDb";
import { correctMonth12Odi } from "../support/month12";

const t = await tempDatabaseForFile("risk-models-refit");
const db = t.db;
const TODAY = "2026-11-25";
let officer: Principal;
let doctor: Principal;

beforeAll(async () => {
  // Enough patients with a 12-month ODI for the ODI-change model to be fitted (10 per covariate).
  await seedDemoInto(t, { procedures: 700, seed: 5, end: TODAY, physicians: 3 });
  ({ qo: officer, doc: doctor } = await demoPrincipals(db));
}, 120_000);

const adjusted = () => adjustedComparison(officer, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW.mcid, TODAY);

/** From scratch: nothing kept — no figures, no last fits, no snapshot of the practice. */
async function fresh() {
  clearVersionedCache();
  forgetPracticeSnapshot();
  return adjusted();
}

const ownProcedure = async (n: number) =>
  (
    await db
      .select()
      .from(procedures)
      .where(eq(procedures.physicianId, doctor.id))
      .orderBy(asc(procedures.id))
      .limit(n + 1)
  )[n]!;

describe("the risk models after a write", () => {
  it("are handed out again, the very same fits, after a visit no model reads", async () => {
    const before = await adjusted();
    expect(before.odiChange.model.status).toBe("fitted");
    const p = await ownProcedure(3);
    await createAssessment(
      doctor,
      { procedureId: p.id, timepoint: "unscheduled", assessedOn: addDaysIso(p.procedureDate, 20), nprsBack: "3", nprsLeg: "3" },
      TODAY,
    );
    const after = await adjusted();
    expect(after).toBe(before);
    expect(after).toEqual(await fresh());
  });

  it("are fitted again after a corrected 12-month ODI, with the new score in them", async () => {
    const before = await adjusted();
    const id = await correctMonth12Odi(db, doctor, 0, 0, TODAY);
    expect((await db.select({ odi: assessments.odi }).from(assessments).where(eq(assessments.id, id)))[0]!.odi).toBe(0);
    const after = await adjusted();
    expect(after).not.toBe(before);
    expect(after.odiChange.model.coefficients).not.toEqual(before.odiChange.model.coefficients);
    expect(after).toEqual(await fresh());
  });

  it("are fitted again after a new procedure, which joins the complication model's pool", async () => {
    const before = await adjusted();
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
    const after = await adjusted();
    expect(after).not.toBe(before);
    expect(after.poolProcedures).toBe(before.poolProcedures + 1);
    expect(after.complication.model.n).toBe(before.complication.model.n + 1);
    expect(after).toEqual(await fresh());
  });
});
