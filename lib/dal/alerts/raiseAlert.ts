import "server-only";
import { and, eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { alerts, users } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { queueMessage } from "@/lib/dal/messaging/outbox";
import type { AlertDraft } from "@/lib/outcomes/alertRules";

/** The staff app's own address, for the link in an alert's email. */
function staffBaseUrl(): string {
  return (process.env.NEXTAUTH_URL?.trim() || "http://localhost:3000").replace(/\/+$/, "");
}

/** The active quality officers, and the physician concerned when there is one (and still active). */
export type AlertRecipient = { id: number; email: string; role: "quality_officer" | "physician" };

export async function alertRecipients(tx: AppDatabase, physicianId: number | null): Promise<AlertRecipient[]> {
  const officers = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.role, "quality_officer"), eq(users.disabled, false)));
  const physician =
    physicianId === null
      ? []
      : await tx
          .select({ id: users.id, email: users.email })
          .from(users)
          .where(and(eq(users.id, physicianId), eq(users.role, "physician"), eq(users.disabled, false)));
  return [...officers.map((o) => ({ ...o, role: "quality_officer" as const })), ...physician.map((p) => ({ ...p, role: "physician" as const }))];
}

/**
 * Writes the alert for each recipient who has not had it (the unique key per recipient and event makes a second
 * pass a no-op), queues its email copy in the outbox and audits it — all in the caller's transaction, so an
 * alert exists exactly when what caused it does. Returns how many recipients were newly told.
 */
export async function raiseAlert(tx: AppDatabase, draft: AlertDraft, recipients: readonly AlertRecipient[], now = new Date()): Promise<number> {
  let told = 0;
  const at = now.toISOString();
  for (const r of recipients) {
    // A physician cannot open the quality pages: theirs is the procedure or their own outcomes.
    const link = r.role === "physician" ? draft.physicianLink : draft.link;
    if (link === null) continue;
    const [row] = await tx
      .insert(alerts)
      .values({ userId: r.id, kind: draft.kind, dedupeKey: draft.dedupeKey, title: draft.title, body: draft.body, link, createdAt: at })
      .onConflictDoNothing()
      .returning({ id: alerts.id });
    if (!row) continue;
    const message = await queueMessage(tx, {
      channel: "email",
      to: r.email,
      subject: draft.title,
      text: `${draft.body}\n\nOpen it in MILD Outcomes: ${staffBaseUrl()}${link}\n\nYou receive this because you review complications, or it concerns your own procedures.`,
      kind: "alert",
      entity: "alert",
      entityId: row.id,
    });
    await tx.update(alerts).set({ outboxMessageId: message.id }).where(eq(alerts.id, row.id));
    await appendAudit(tx, {
      actor: null,
      action: "alert.raise",
      entity: "alert",
      entityId: row.id,
      after: { userId: r.id, kind: draft.kind, dedupeKey: draft.dedupeKey, link },
    });
    told++;
  }
  return told;
}
