import "server-only";
import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, transaction } from "@/db/client";
import { alerts } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { parseInput } from "@/lib/dal/parse";
import type { Principal } from "@/lib/dal/principal";

/**
 * A user's own alerts (issue 18 item 5): quality officers are told about every physician, a physician about
 * their own procedures; nobody reads or marks another user's. Unread first, newest first.
 */
export const ALERTS_SHOWN = 200;

export async function listMyAlerts(principal: Principal) {
  return getDb()
    .select()
    .from(alerts)
    .where(eq(alerts.userId, principal.id))
    .orderBy(sql`case when ${alerts.readAt} is null then 0 else 1 end`, desc(alerts.createdAt), desc(alerts.id))
    .limit(ALERTS_SHOWN);
}

export async function unreadAlertCount(principal: Principal): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(alerts)
    .where(and(eq(alerts.userId, principal.id), isNull(alerts.readAt)));
  return Number(row?.n ?? 0);
}

const markReadSchema = z.union([
  z.object({ all: z.literal(true) }),
  z.object({ ids: z.array(z.number().int().positive()).min(1, { error: "Choose an alert" }).max(ALERTS_SHOWN) }),
]);

/** Marks the principal's own alerts read (the ids given, or all); another user's ids change nothing. Audited. */
export async function markAlertsRead(principal: Principal, input: unknown, now = new Date()): Promise<number> {
  const which = parseInput(markReadSchema, input);
  return transaction(async (tx) => {
    const mine = and(eq(alerts.userId, principal.id), isNull(alerts.readAt), "ids" in which ? inArray(alerts.id, which.ids) : undefined);
    const changed = await tx.update(alerts).set({ readAt: now.toISOString() }).where(mine).returning({ id: alerts.id });
    if (changed.length > 0)
      await appendAudit(tx, {
        actor: { id: principal.id, email: principal.email },
        action: "alert.read",
        entity: "alert",
        entityId: changed.length === 1 ? changed[0]!.id : null,
        after: { ids: changed.map((c) => c.id) },
      });
    return changed.length;
  });
}
