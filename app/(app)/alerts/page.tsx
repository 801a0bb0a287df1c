import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/layout/PageHeader";
import { ALERT_KIND_LABELS } from "@/lib/labels";
import { listMyAlerts } from "@/lib/dal/alerts/alerts";
import { requirePrincipal } from "@/lib/dal/auth/currentPrincipal";
import { displayTimestamp } from "@/components/records/format";
import { reviewWaitDays } from "@/lib/outcomes/alertRules";
import { markAlertsReadAction } from "./actions";

export const metadata: Metadata = { title: "Alerts" };

const WHO_IS_TOLD: Record<string, string> = {
  quality_officer: `You are told when a serious complication is reported, when a physician's CUSUM signals, and when a report has waited for adjudication more than ${reviewWaitDays()} days.`,
  physician: "You are told when a serious complication of one of your procedures is reported, and when your own CUSUM signals.",
};

export default async function AlertsPage() {
  const me = await requirePrincipal();
  const rows = await listMyAlerts(me);
  const unread = rows.filter((r) => r.readAt === null).length;
  return (
    <>
      <PageHeader
        title="Alerts"
        actions={
          unread > 0 && (
            <form action={markAlertsReadAction}>
              <input type="hidden" name="all" value="1" />
              <button type="submit" className="button secondary">
                Mark all as read
              </button>
            </form>
          )
        }
      >
        {WHO_IS_TOLD[me.role] ?? "Alerts go to quality officers and to the physician concerned; your role receives none."} Each alert is also emailed through
        the outbox.
      </PageHeader>
      <section className="panel" aria-labelledby="alerts-title">
        <h2 id="alerts-title">
          {unread.toLocaleString("en-GB")} unread of {rows.length.toLocaleString("en-GB")}
        </h2>
        {rows.length === 0 ? (
          <p>No alerts.</p>
        ) : (
          <ul className="alert-list">
            {rows.map((a) => (
              <li key={a.id} className={a.readAt ? "alert-item read" : "alert-item unread"}>
                <p className="alert-head">
                  <span className="badge">{ALERT_KIND_LABELS[a.kind]}</span> <strong>{a.title}</strong>
                  {a.readAt === null && <span className="visually-hidden"> (unread)</span>}
                </p>
                <p className="alert-body">{a.body}</p>
                <p className="muted small">
                  <time dateTime={a.createdAt}>{displayTimestamp(a.createdAt)}</time> · <Link href={a.link}>Open</Link>
                </p>
                {a.readAt === null && (
                  <form action={markAlertsReadAction}>
                    <input type="hidden" name="id" value={a.id} />
                    <button type="submit" className="button link">
                      Mark as read
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
