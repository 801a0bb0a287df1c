import "server-only";
import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { procedures, users, type Complication } from "@/db/schema";
import { COMPLICATION_TYPE_LABELS } from "@/lib/labels";
import { seriousComplicationAlert } from "@/lib/outcomes/alertRules";
import { alertRecipients, raiseAlert } from "./raiseAlert";

/**
 * In the transaction that reports or corrects a complication: when it is serious, the quality officers and the
 * procedure's physician are told (once per report, however often it is corrected).
 */
export async function alertIfSerious(tx: AppDatabase, c: Complication): Promise<void> {
  const [procedure] = await tx
    .select({ physicianId: procedures.physicianId, physicianName: users.name })
    .from(procedures)
    .innerJoin(users, eq(users.id, procedures.physicianId))
    .where(eq(procedures.id, c.procedureId))
    .limit(1);
  if (!procedure) return;
  const draft = seriousComplicationAlert({
    id: c.id,
    procedureId: c.procedureId,
    typeLabel: COMPLICATION_TYPE_LABELS[c.type],
    onsetDate: c.onsetDate,
    grade: c.finalGrade ?? c.grade,
    serious: Boolean(c.serious),
    fatal: c.type === "death" || c.outcome === "fatal",
    physicianName: procedure.physicianName,
  });
  if (draft) await raiseAlert(tx, draft, await alertRecipients(tx, procedure.physicianId));
}
