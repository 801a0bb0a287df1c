import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { followUpStatuses } from "@/db/schema";
import type { FollowUpStatus } from "@/lib/outcomes/invitations/planInvitations";

/** The site's IANA time zone (lib/dal/siteClock.ts): the invitations' days and quiet hours are the clinic's. */
export { siteTimeZone } from "@/lib/dal/siteClock";

/** Whether the procedure is still followed: its lost, withdrawn or deceased mark (lib/dal/records/followUp.ts), else "active". */
export async function followUpStatusOf(procedureId: number): Promise<FollowUpStatus> {
  const [row] = await getDb().select({ status: followUpStatuses.status }).from(followUpStatuses).where(eq(followUpStatuses.procedureId, procedureId)).limit(1);
  return row?.status ?? "active";
}

/** The name a message and the questionnaire greet the patient by: the first word of the recorded name. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? "";
}
