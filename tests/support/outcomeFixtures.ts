/**
 * A small, hand-countable practice for the outcomes tests: two physicians at two sites, a quality officer
 * and an admin. Every procedure exists to exercise one rule; the comments say which, and the tests state the
 * hand-computed figures next to the assertions.
 */
import type { AppDatabase } from "@/db/client";
import { addDaysIso } from "@/lib/outcomes/dates";
import { insertAssessment, insertComplication, insertPatient, insertProcedure, insertSite, insertUser, principalOf } from "./fixtures";

export const OUTCOME_TODAY = "2026-11-25";

type Scores = { nprsBack: number | null; nprsLeg: number | null; odi: number | null };
const scores = (nprsBack: number | null, nprsLeg: number | null, odi: number | null): Scores => ({ nprsBack, nprsLeg, odi });

export async function seedOutcomeWorld(db: AppDatabase) {
  const siteA = await insertSite(db, "OA");
  const siteB = await insertSite(db, "OB");
  const docA = await insertUser(db, "physician", { siteId: siteA.id, name: "Dr. Alpha Outcomes" });
  const docB = await insertUser(db, "physician", { siteId: siteB.id, name: "Dr. Bravo Outcomes" });
  const qo = await insertUser(db, "quality_officer");
  const admin = await insertUser(db, "admin");

  const procedure = async (
    doc: typeof docA,
    site: typeof siteA,
    date: string,
    patient: Parameters<typeof insertPatient>[2] = {},
    extra: Partial<Parameters<typeof insertProcedure>[1]> = {},
  ) => insertProcedure(db, { patientId: (await insertPatient(db, site.id, patient)).id, physicianId: doc.id, siteId: site.id, procedureDate: date, ...extra });
  const assess = (
    p: { id: number; procedureDate: string },
    timepoint: Parameters<typeof insertAssessment>[1]["timepoint"],
    day: number,
    s: Scores,
    extra: { reliefOnsetDate?: string; walkingMinutes?: number; standingMinutes?: number } = {},
  ) =>
    insertAssessment(db, {
      procedureId: p.id,
      timepoint,
      assessedOn: addDaysIso(p.procedureDate, day),
      walkingMinutes: null,
      standingMinutes: null,
      ...s,
      ...extra,
    });
  const complication = (p: { id: number; procedureDate: string }, day: number, v: Partial<Parameters<typeof insertComplication>[1]>) =>
    insertComplication(db, { procedureId: p.id, onsetDate: addDaysIso(p.procedureDate, day), ...v });

  // ---- Physician A, site A: six procedures ----
  // a1: relief at the 2-week visit (back 8 → 4: 4 points, 50 %); grade II procedure-related event on day 40, confirmed.
  const a1 = await procedure(docA, siteA, "2025-01-10", { diabetes: true });
  await assess(a1, "baseline", -5, scores(8, 6, 50), { walkingMinutes: 5 });
  await assess(a1, "week_2", 14, scores(4, 6, 40));
  await assess(a1, "month_12", 365, scores(3, 3, 30), { walkingMinutes: 30 });
  await complication(a1, 40, { grade: 2, relatedness: "procedure", adjudicationStatus: "confirmed" });

  // a2: no relief at 2 weeks, relief at 6 weeks by the leg (7 → 4: 3 points, 43 %); an unrelated event (never counts by default).
  const a2 = await procedure(docA, siteA, "2025-02-01", { diagnosis: "herniated_disc" });
  await assess(a2, "baseline", -3, scores(6, 7, 40), { walkingMinutes: 10 });
  await assess(a2, "week_2", 14, scores(6, 7, 40));
  await assess(a2, "week_6", 42, scores(6, 4, 36));
  await assess(a2, "month_12", 365, scores(5, 4, 30), { walkingMinutes: 20 });
  await complication(a2, 10, { grade: 1, relatedness: "unrelated", adjudicationStatus: "confirmed" });

  // a3: never relieved (7 → 6 is 1 point): censored at day 91. Grade III device event on day 120, still pending:
  // outside a 90-day window, and not confirmed.
  const a3 = await procedure(docA, siteA, "2025-03-01", {}, { levels: "L3-L4,L4-L5" });
  await assess(a3, "baseline", -1, scores(7, 7, 45));
  await assess(a3, "week_2", 14, scores(6, 6, 44));
  await assess(a3, "month_3", 91, scores(6, 6, 42));
  await complication(a3, 120, { grade: 3, relatedness: "device", adjudicationStatus: "pending", type: "infection" });

  // a4: flagged prior treatment; a baseline but no follow-up (left out of the relief analysis); its only report was rejected.
  const a4 = await procedure(
    docA,
    siteA,
    "2025-04-01",
    {},
    { priorTreatmentType: "laminectomy", priorTreatmentDate: "2024-10-01", priorTreatmentFlag: true, priorTreatmentAcknowledged: true },
  );
  await assess(a4, "baseline", -2, scores(7, 6, 40));
  await complication(a4, 1, { grade: 1, relatedness: "procedure", adjudicationStatus: "rejected" });

  // a5: no baseline (left out of the relief analysis). Reported as grade I procedure-related; the adjudicator
  // confirmed it as grade III with unknown relatedness — the final values are the ones that count.
  const a5 = await procedure(docA, siteA, "2025-05-01");
  await assess(a5, "week_2", 14, scores(3, 3, 20));
  await complication(a5, 5, {
    grade: 1,
    relatedness: "procedure",
    adjudicationStatus: "confirmed",
    finalGrade: 3,
    finalRelatedness: "unknown",
    type: "hematoma",
  });

  // a6: scores at 2 weeks do not meet the criterion, but the patient recorded relief from day 9: event on day 9.
  // Grade II anaesthesia-related event on the day of the procedure, waiting for more information.
  const a6 = await procedure(docA, siteA, "2025-06-01");
  await assess(a6, "baseline", -4, scores(7, 7, 42));
  await assess(a6, "week_2", 14, scores(6, 6, 40), { reliefOnsetDate: addDaysIso("2025-06-01", 9) });
  await complication(a6, 0, { grade: 2, relatedness: "anaesthesia", adjudicationStatus: "needs_info", type: "allergic_reaction" });

  // ---- Physician B, site B: two procedures ----
  const b1 = await procedure(docB, siteB, "2025-01-15");
  await assess(b1, "baseline", -2, scores(8, 8, 60));
  await assess(b1, "week_2", 14, scores(3, 3, 30));
  await complication(b1, 2, { grade: 1, relatedness: "procedure", adjudicationStatus: "confirmed" });
  const b2 = await procedure(docB, siteB, "2025-02-15");
  await assess(b2, "baseline", -2, scores(6, 6, 40));
  await assess(b2, "week_2", 14, scores(6, 6, 40));

  return {
    siteA,
    siteB,
    docA: principalOf(docA),
    docB: principalOf(docB),
    qo: principalOf(qo),
    admin: principalOf(admin),
    users: { docA, docB, qo, admin },
    procedures: { a1, a2, a3, a4, a5, a6, b1, b2 },
  };
}

export type OutcomeWorld = Awaited<ReturnType<typeof seedOutcomeWorld>>;
