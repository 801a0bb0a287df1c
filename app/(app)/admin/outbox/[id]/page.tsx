import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { displayInstant, OUTBOX_STATUS_LABELS } from "@/components/outbox/format";
import { NotFoundError } from "@/lib/dal/errors";
import { readOutboxMessage } from "@/lib/dal/messaging/outbox";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { parseRecordId } from "@/lib/validation/recordId";
import { adminOnly } from "../../adminOnly";

export const metadata: Metadata = { title: "Message" };

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePrincipal();
  const id = parseRecordId((await params).id);
  if (id === null) notFound();
  const message = await adminOnly(async () => {
    try {
      return await readOutboxMessage(me, id);
    } catch (error) {
      if (error instanceof NotFoundError) notFound();
      throw error;
    }
  });

  const facts: [string, string][] = [
    ["Status", OUTBOX_STATUS_LABELS[message.status]],
    ["Recipient", `${message.recipient} (${message.channel})`],
    ["Kind", message.kind],
    ["Created", displayInstant(message.createdAt)],
    ["Sent", displayInstant(message.sentAt)],
    ["Attempts", String(message.attempts)],
    ...(message.status === "queued" ? ([["Next attempt", displayInstant(message.nextAttemptAt)]] as [string, string][]) : []),
    ["Last error", message.lastError ?? "—"],
    ["Message-ID", message.messageId],
    ["Server's reply", message.providerResponse ?? "—"],
    ...(message.entity ? ([["Caused by", `${message.entity} ${message.entityId ?? ""}`.trim()]] as [string, string][]) : []),
  ];

  return (
    <div className="admin-page">
      <p>
        <Link href="/admin/outbox">← Outbox</Link>
      </p>
      <header className="page-header">
        <h1>{message.subject ?? "(no subject)"}</h1>
      </header>
      <section className="panel" aria-labelledby="message-facts">
        <h2 id="message-facts">Delivery</h2>
        <dl className="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="panel" aria-labelledby="message-text">
        <h2 id="message-text">Text</h2>
        <pre className="message-text">{message.bodyText}</pre>
        {message.bodyHtml && (
          <details>
            <summary>HTML version (source)</summary>
            <pre className="message-text">{message.bodyHtml}</pre>
          </details>
        )}
      </section>
    </div>
  );
}
