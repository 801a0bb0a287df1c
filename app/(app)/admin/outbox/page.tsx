import type { Metadata } from "next";
import Link from "next/link";
import { displayInstant, OUTBOX_STATUS_LABELS } from "@/components/outbox/format";
import { OUTBOX_STATUSES } from "@/db/enums";
import { listOutboxMessages } from "@/lib/dal/messaging/outbox";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { mailConfigFrom } from "@/lib/messaging/config";
import { parseOutboxQuery, type OutboxQuery } from "@/lib/validation/outbox";
import { adminOnly } from "../adminOnly";
import { SimpleTable } from "@/components/table/SimpleTable";

export const metadata: Metadata = { title: "Outbox" };

function href(q: Partial<OutboxQuery>): string {
  const params = new URLSearchParams();
  if (q.status) params.set("status", q.status);
  if (q.page && q.page > 1) params.set("page", String(q.page));
  const s = params.toString();
  return s ? `/admin/outbox?${s}` : "/admin/outbox";
}

/** Whether mail goes out, said plainly: a clinic trying the flow without a mail server reads its messages here. */
function deliveryNote(): string {
  try {
    return mailConfigFrom()
      ? "Messages are sent through the SMTP server in SMTP_URL: queued ones go out within a minute, failed attempts are retried with growing pauses."
      : "SMTP_URL is not set, so nothing is sent: messages stay queued here, where you can read them. Set SMTP_URL and MAIL_FROM to send them.";
  } catch (error) {
    return `Mail settings are wrong, so nothing is sent: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await requirePrincipal();
  const query = parseOutboxQuery(await searchParams);
  const { rows, total, byStatus, pageSize } = await adminOnly(() => listOutboxMessages(me, query));
  const all = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <div className="admin-page">
      <header className="page-header">
        <h1>Outbox</h1>
        <p className="muted">{deliveryNote()}</p>
      </header>

      <section className="panel" aria-labelledby="outbox-title">
        <h2 id="outbox-title">Messages</h2>
        <nav aria-label="Filter by status">
          <ul className="inline-links">
            <li>
              <Link href={href({})} aria-current={query.status ? undefined : "page"}>
                All ({all.toLocaleString("en-GB")})
              </Link>
            </li>
            {OUTBOX_STATUSES.map((s) => (
              <li key={s}>
                <Link href={href({ status: s })} aria-current={query.status === s ? "page" : undefined}>
                  {OUTBOX_STATUS_LABELS[s]} ({byStatus[s].toLocaleString("en-GB")})
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {rows.length === 0 ? (
          <p className="muted">No messages{query.status ? ` with the status ${OUTBOX_STATUS_LABELS[query.status].toLowerCase()}` : ""}.</p>
        ) : (
          <SimpleTable
            caption="Newest first. Open a message to read its text."
            className="admin-table outbox-table"
            columns={[
              { header: "Created", className: "when", cell: (m) => displayInstant(m.createdAt) },
              { header: "Status", cell: (m) => OUTBOX_STATUS_LABELS[m.status] },
              { header: "Recipient", cell: (m) => m.recipient },
              { header: "Subject", rowHeader: true, cell: (m) => <Link href={`/admin/outbox/${m.id}`}>{m.subject ?? "(no subject)"}</Link> },
              { header: "Kind", cell: (m) => m.kind },
              { header: "Attempts", num: true, cell: (m) => m.attempts },
              { header: "Sent", className: "when", cell: (m) => displayInstant(m.sentAt) },
              { header: "Last error", cell: (m) => m.lastError ?? "—" },
            ]}
            rows={rows}
            rowKey={(m) => m.id}
          />
        )}
        {pages > 1 && (
          <nav className="pager" aria-label="Pages">
            {query.page > 1 ? <Link href={href({ ...query, page: query.page - 1 })}>← Previous</Link> : <span />}
            <span className="small">
              Page {query.page.toLocaleString("en-GB")} of {pages.toLocaleString("en-GB")}
            </span>
            {query.page < pages ? <Link href={href({ ...query, page: query.page + 1 })}>Next →</Link> : <span />}
          </nav>
        )}
      </section>
    </div>
  );
}
