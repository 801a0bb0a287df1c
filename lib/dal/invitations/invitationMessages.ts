import "server-only";
import { eq } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { invitations } from "@/db/schema";
import { renderPatientMessage, type PatientMessageKind } from "@/lib/messaging/patientMessages";
import { loadInstruments } from "@/lib/outcomes/instruments/loadInstruments";
import { queueMessage } from "../messaging/outbox";
import { invitationLinks } from "@/lib/messaging/invitationLinks";
import { firstNameOf } from "./firstName";

/** The patient and clinic facts a message needs. */
export type MessageRecipient = { name: string; email: string | null; language: string; preferredChannel: "email" | "letter"; clinicName: string };

/** Whether messages for this patient go through the outbox (email) rather than a printed letter. */
export const sendsEmail = (r: MessageRecipient): r is MessageRecipient & { email: string } => r.preferredChannel === "email" && r.email !== null;

/**
 * Queues the invitation's message (first invitation, diary day, or a reminder) in the caller's transaction and
 * notes the outbox id on the invitation. The link is the invitation's one link (lib/messaging/invitationLinks.ts).
 */
export async function queueInvitationMessage(
  tx: AppDatabase,
  invitation: { id: number; outboxMessageIds: string | null },
  recipient: MessageRecipient & { email: string },
  kind: PatientMessageKind,
): Promise<number> {
  const { link, optOutLink } = invitationLinks(invitation.id);
  const rendered = renderPatientMessage(loadInstruments(recipient.language), kind, {
    firstName: firstNameOf(recipient.name),
    clinicName: recipient.clinicName,
    link,
    optOutLink,
  });
  const { id } = await queueMessage(tx, {
    channel: "email",
    to: recipient.email,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    kind,
    entity: "invitation",
    entityId: invitation.id,
  });
  const ids = invitation.outboxMessageIds ? `${invitation.outboxMessageIds},${id}` : String(id);
  await tx.update(invitations).set({ outboxMessageIds: ids }).where(eq(invitations.id, invitation.id));
  invitation.outboxMessageIds = ids;
  return id;
}
