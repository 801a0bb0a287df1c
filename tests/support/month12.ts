import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { assessments, procedures } from "@/db/schema";
import { updateAssessment } from "@/lib/dal/records/assessments";
import type { Principal } from "@/lib/dal/principal";

/**
 * Corrects the ODI of one of the physician's 12-month visits that has one (the `pick`-th by id, wrapping), its
 * other scores as they were, through the data layer as the form does: an input of the responder and ODI-change
 * risk models. Returns the visit's id.
 */
export async function correctMonth12Odi(db: AppDatabase, physician: Principal, pick: number, odi: number, today: string): Promise<number> {
  const visits = await db
    .select({ a: assessments })
    .from(assessments)
    .innerJoin(procedures, eq(procedures.id, assessments.procedureId))
    .where(and(eq(procedures.physicianId, physician.id), eq(assessments.timepoint, "month_12"), isNotNull(assessments.odi)))
    .orderBy(asc(assessments.id));
  const { a } = visits[pick % visits.length]!;
  const score = (v: number | null) => (v === null ? "" : String(v));
  await updateAssessment(
    physician,
    a.id,
    {
      procedureId: a.procedureId,
      timepoint: a.timepoint,
      assessedOn: a.assessedOn,
      nprsBack: score(a.nprsBack),
      nprsLeg: score(a.nprsLeg),
      odi: String(odi),
      walkingMinutes: score(a.walkingMinutes),
      standingMinutes: score(a.standingMinutes),
      reliefOnsetDate: a.reliefOnsetDate ?? "",
      pgic: score(a.pgic),
      ...(a.outOfWindow ? { outOfWindow: "on", outOfWindowReason: a.outOfWindowReason ?? "Kept outside its window" } : {}),
    },
    today,
  );
  return a.id;
}
