/**
 * Subsequent lumbar surgery (issue 14, item 7): recorded on the procedure with its date checked (after the
 * procedure, not in the future) and audited; the dashboard's summary and the JSON API give freedom from it over
 * time, Kaplan–Meier read from the database exactly as the hand-worked example in tests/unit/durability.test.ts.
 */
import { describe, expect, it } from "vitest";
import { desc } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { outcomeSummaryFor } from "@/lib/dal/outcomes/api";
import { listSubsequentSurgeries, recordSubsequentSurgery } from "@/lib/dal/records/subsequentSurgeries";
import { addDaysIso, todayIso } from "@/lib/outcomes/dates";
import { DURABILITY_EXAMPLE } from "../support/durabilityExample";
import { insertAssessment, insertClinic, insertPatientProcedure, insertUser, principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";
import { fieldErrorsOf } from "../support/refusals";

const { db } = await tempDatabaseForFile("subsequent-surgery");

const { siteId, physician, coordinator } = await insertClinic(db);
const newProcedure = (procedureDate: string) => insertPatientProcedure(db, siteId, physician, procedureDate);
describe("recording a subsequent surgery", () => {
  it("refuses a date on or before the procedure, or in the future, and an unknown kind, every problem at once", async () => {
    const p = await newProcedure("2025-05-01");
    expect(await fieldErrorsOf(recordSubsequentSurgery(physician, { procedureId: p.id, surgeryDate: "2025-05-01", type: "fusion", levels: [] }))).toEqual({
      surgeryDate: ["Enter a date after the procedure (1 May 2025)"],
    });
    expect(
      await fieldErrorsOf(recordSubsequentSurgery(physician, { procedureId: p.id, surgeryDate: addDaysIso(todayIso(), 1), type: "fusion", levels: [] })),
    ).toEqual({ surgeryDate: ["Enter a date that is not in the future"] });
    const both = await fieldErrorsOf(
      recordSubsequentSurgery(physician, { procedureId: p.id, surgeryDate: "2025-13-01", type: "tonsillectomy", levels: ["L9-L9"] }),
    );
    expect(Object.keys(both).sort()).toEqual(["levels", "surgeryDate", "type"]);
    expect(await listSubsequentSurgeries(physician, p.id)).toEqual([]);
  });

  it("records it with its levels, audited with the coordinator acting for the procedure's physician", async () => {
    const p = await newProcedure("2025-05-01");
    const saved = await recordSubsequentSurgery(coordinator, {
      procedureId: p.id,
      surgeryDate: "2025-11-20",
      type: "reoperation_treated_levels",
      levels: ["L3-L4", "L4-L5"],
      note: "Recurrent stenosis",
    });
    expect(saved).toMatchObject({ levels: "L3-L4,L4-L5", createdBy: coordinator.id });
    const [audit] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(audit).toMatchObject({ action: "subsequentSurgery.create", userId: coordinator.id, onBehalfOfId: physician.id });
    expect((await listSubsequentSurgeries(physician, p.id)).map((s) => s.type)).toEqual(["reoperation_treated_levels"]);
  });
});

describe("freedom from subsequent surgery in the summary API", () => {
  it("matches the hand-worked Kaplan–Meier example, read from the database", async () => {
    const doctor = principalOf(await insertUser(db, "physician", { siteId }));
    const day0 = "2022-01-03";
    let firstEventProcedure = 0;
    for (const [day, surgery] of DURABILITY_EXAMPLE) {
      const p = await insertPatientProcedure(db, siteId, doctor, day0);
      await insertAssessment(db, { procedureId: p.id, timepoint: "week_2", assessedOn: addDaysIso(day0, 14) });
      if (surgery) await recordSubsequentSurgery(doctor, { procedureId: p.id, surgeryDate: addDaysIso(day0, day), type: "fusion", levels: [] });
      if (surgery && !firstEventProcedure) firstEventProcedure = p.id;
      else await insertAssessment(db, { procedureId: p.id, timepoint: "unscheduled", assessedOn: addDaysIso(day0, day) });
    }
    // A second, later surgery does not move the event: the first one counts.
    await recordSubsequentSurgery(doctor, { procedureId: firstEventProcedure, surgeryDate: addDaysIso(day0, 700), type: "laminectomy", levels: [] });
    const api = await outcomeSummaryFor(doctor, {}, "2025-01-01");
    if (api.status !== 200) throw new Error(JSON.stringify(api.body));
    const d = api.body.durability;
    expect(d).toMatchObject({ n: 10, events: 3, noFollowUp: 0, byType: [{ type: "fusion", n: 3 }] });
    expect(d.at.map((a) => [a.day, a.atRisk])).toEqual([
      [182, 8],
      [365, 6],
      [730, 2],
    ]);
    expect(d.at[0]!.free).toBeCloseTo(0.9, 12);
    expect(d.at[1]!.free).toBeCloseTo(0.7875, 12);
    expect(d.at[1]!.lower).toBeCloseTo(0.5641252315136733, 12);
    expect(d.at[2]!.free).toBeCloseTo(0.63, 12);
    expect(d.at[2]!.lower).toBeCloseTo(0.3631967295845275, 12);
  });
});
