import "server-only";
import { and, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { invitations, patients, procedures } from "@/db/schema";
import { INVITATION_CHANNELS } from "@/db/enums";
import type { Principal } from "@/lib/dal/principal";
import { procedureScope } from "@/lib/dal/scope";
import { INVITED_TIMEPOINTS, type InvitedTimepoint } from "@/lib/outcomes/invitations/invitationKeys";
import type { OutcomeFilters } from "@/lib/outcomes/outcomeFilters";
import { clopperPearson } from "@/lib/stats";
import { assertOutcomeAccess, outcomeFilterSql } from "./cohort";
import { offThread } from "./offThread";

export type InvitationChannel = (typeof INVITATION_CHANNELS)[number];
export type ResponseRate = {
  /** Invitations that reached the patient (an email queued or a letter printed) and whose outcome is settled. */
  sent: number;
  /** Of those, answered from the link. */
  answered: number;
  /** Exact (Clopper–Pearson) 95 % CI of answered / sent; null when none was sent. */
  ci: { estimate: number; lower: number; upper: number } | null;
};
export type ResponseRateRow = ResponseRate & {
  /** The relief diary's days pooled, or one follow-up questionnaire. */
  questionnaire: "diary" | InvitedTimepoint;
  channel: InvitationChannel;
};

export const RESPONSE_RATE_DEFINITION =
  "Invitations answered from their link, of those sent (an email queued, or a letter printed) whose outcome is settled: answered, expired or failed; " +
  "links still open are left out until they close. A questionnaire answered at a clinic visit instead counts as sent and not answered from the link. " +
  "The channel is the patient's preferred one.";

/** Settled: nothing can change any more (an open link may still be answered). */
const SETTLED = ["completed", "expired", "failed"] as const;

/**
 * Response rates of the patients' invitations per questionnaire and channel (email or printed letter), each with
 * its n and exact CI, over the procedures the principal may see under the outcome filters. On the figure worker when
 * the server has one (lib/dal/outcomes/offThread.ts): at 100,000 procedures its grouped join holds a thread for most
 * of a second. Not kept between requests: expiries and failures change invitations without an audit row.
 */
export const getResponseRates = offThread(
  "getResponseRates",
  async (principal: Principal, filters: OutcomeFilters): Promise<{ rows: ResponseRateRow[]; total: ResponseRate }> => {
    await assertOutcomeAccess(principal, filters);
    const answeredFromLink = sql<
      number | null
    >`sum(case when ${invitations.status} = 'completed' and ${invitations.completedAt} is not null then 1 else 0 end)`;
    const grouped = await getDb()
      .select({ kind: invitations.kind, timepoint: invitations.timepoint, channel: patients.preferredChannel, sent: count(), answered: answeredFromLink })
      .from(invitations)
      .innerJoin(procedures, eq(procedures.id, invitations.procedureId))
      .innerJoin(patients, eq(patients.id, procedures.patientId))
      .where(and(procedureScope(principal), outcomeFilterSql(filters), isNotNull(invitations.sentAt), inArray(invitations.status, [...SETTLED])))
      .groupBy(invitations.kind, invitations.timepoint, patients.preferredChannel);
    const rate = (sent: number, answered: number): ResponseRate => ({
      sent,
      answered,
      ci: sent > 0 ? clopperPearson({ events: answered, n: sent, confLevel: 0.95 }) : null,
    });
    const rows: ResponseRateRow[] = [];
    for (const questionnaire of ["diary", ...INVITED_TIMEPOINTS] as const)
      for (const channel of INVITATION_CHANNELS) {
        const matching = grouped.filter((g) => g.channel === channel && (questionnaire === "diary" ? g.kind === "diary" : g.timepoint === questionnaire));
        const sent = matching.reduce((s, g) => s + Number(g.sent), 0);
        if (sent > 0)
          rows.push({
            questionnaire,
            channel,
            ...rate(
              sent,
              matching.reduce((s, g) => s + Number(g.answered ?? 0), 0),
            ),
          });
      }
    return {
      rows,
      total: rate(
        rows.reduce((s, r) => s + r.sent, 0),
        rows.reduce((s, r) => s + r.answered, 0),
      ),
    };
  },
);
