import Link from "next/link";
import { RecordTable, type SimpleColumn } from "@/components/table/SimpleTable";
import type { DiaryEntry } from "@/db/schema";
import type { InvitationListRow } from "@/lib/dal/invitations/staffInvitations";
import { INVITATION_STATUS_LABELS, PGIC_LABELS, TIMEPOINT_LABELS } from "@/lib/labels";
import { addDaysIso, displayDate } from "@/lib/outcomes/dates";
import { parseKeyText } from "@/lib/outcomes/invitations/invitationKeys";
import { dash } from "@/components/records/format";

/** A questionnaire's name: "Diary day 3" or "6 weeks". */
export function invitationLabel(key: string): string {
  const k = parseKeyText(key);
  if (!k) return key;
  return k.kind === "diary" ? `Diary day ${k.day}` : `${TIMEPOINT_LABELS[k.timepoint]} questionnaire`;
}

const when = (iso: string | null) => (iso ? `${displayDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC` : dash);

/** The procedure's invitations with their states, and what the outbox says of each message (failures first). */
export function InvitationsTable({ rows, procedureId, canPrint }: { rows: InvitationListRow[]; procedureId: number; canPrint: boolean }) {
  if (rows.length === 0) return <p className="muted">No invitations yet: they start once the patient has consented and a questionnaire falls due.</p>;
  const columns: SimpleColumn<InvitationListRow>[] = [
    { header: "Questionnaire", rowHeader: true, cell: (r) => invitationLabel(r.key) },
    {
      header: "State",
      cell: (r) => (
        <span className={`badge invitation-${r.status}`}>
          {INVITATION_STATUS_LABELS[r.status]}
          {r.statusReason ? ` (${r.statusReason.replaceAll("_", " ")})` : ""}
        </span>
      ),
    },
    { header: "Sent", className: "nowrap", cell: (r) => when(r.sentAt) },
    { header: "Opened", className: "nowrap", cell: (r) => when(r.openedAt) },
    { header: "Answered", className: "nowrap", cell: (r) => when(r.completedAt) },
    { header: "Link expires", className: "nowrap", cell: (r) => when(r.expiresAt) },
    { header: "Reminders", num: true, cell: (r) => r.reminderCount },
    {
      header: "Messages",
      cell: (r) =>
        r.messages.length === 0
          ? dash
          : r.messages.map((m) => (
              <span key={m.id} className={m.status === "failed" ? "message-failed" : undefined}>
                {m.kind} {m.status}
                {m.lastError ? `: ${m.lastError}` : ""}
                <br />
              </span>
            )),
    },
    {
      header: "Letter",
      hiddenHeader: true,
      when: canPrint,
      cell: (r) =>
        (r.status === "planned" || r.status === "sent" || r.status === "opened" || r.status === "failed") && (
          <Link href={`/procedures/${procedureId}/letter?key=${encodeURIComponent(r.key)}`}>
            Print letter<span className="visually-hidden"> for {invitationLabel(r.key).toLowerCase()}</span>
          </Link>
        ),
    },
  ];
  return <RecordTable caption="Invitations to answer from a link, oldest first. Times in UTC." columns={columns} rows={rows} />;
}

/** The patient's relief diary, day by day, with the relief day marked. */
export function DiaryTable({ entries, procedureDate, reliefDay }: { entries: DiaryEntry[]; procedureDate: string; reliefDay: number | null }) {
  if (entries.length === 0) return <p className="muted">No diary days answered.</p>;
  const columns: SimpleColumn<DiaryEntry>[] = [
    { header: "Day", rowHeader: true, num: true, cell: (e) => e.day },
    { header: "Date", className: "nowrap", cell: (e) => displayDate(addDaysIso(procedureDate, e.day)) },
    { header: "NRS back", num: true, cell: (e) => e.nprsBack ?? dash },
    { header: "NRS leg", num: true, cell: (e) => e.nprsLeg ?? dash },
    { header: "Global impression", cell: (e) => (e.pgic ? PGIC_LABELS[e.pgic - 1] : dash) },
    { header: "Relief", cell: (e) => (e.day === reliefDay ? <strong>Relief day</strong> : "") },
  ];
  return (
    <RecordTable
      caption="Relief diary answered by the patient: NRS 0–10 (lower is better), global impression since the procedure."
      columns={columns}
      rows={entries}
    />
  );
}
