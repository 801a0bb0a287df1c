/**
 * The demo's patient-reported side (issue 16, item 8): most patients an `example.org` address and a recorded
 * consent to be contacted; invitations in every state (planned, sent, opened, completed, expired, failed) as the
 * scheduler would have left them; a two-week relief diary for about half of the last year's procedures, on the
 * procedure's own trajectory (a responder feels relief within days); some follow-ups answered from the link
 * (patient-sourced assessments with the global impression of change); and an outbox with the last days'
 * messages to read. Drawn from a random stream of its own after the main pass and the follow-up pass, so
 * every figure those produce stays exactly as it was.
 *
 * The clinic began asking for consent a year before the seed's end: a patient treated earlier consents then,
 * and gets only the questionnaires still open from that day on. Time runs to noon UTC the day before the end (an
 * instant already past in every zone), so the running scheduler starts from a consistent state.
 */
import type Database from "better-sqlite3";
import { getAuthSecret } from "@/lib/auth/secret";
import { messageIdDomain } from "@/lib/messaging/config";
import { invitationLinks } from "@/lib/messaging/invitationLinks";
import { renderPatientMessage, type PatientMessageKind } from "@/lib/messaging/patientMessages";
import { CURRENT_CONSENT_VERSION } from "@/lib/outcomes/contactConsent";
import { addDaysIso, epochDay, serverTimeZone } from "@/lib/outcomes/dates";
import { loadInstruments } from "@/lib/outcomes/instruments/loadInstruments";
import { allInvitationKeys, DIARY_DAYS, keyText, type InvitationKey } from "@/lib/outcomes/invitations/invitationKeys";
import { windowOf } from "@/lib/outcomes/timepoints";
import { invitationTiming } from "@/lib/outcomes/invitations/invitationTiming";
import type { INVITATION_STATUSES } from "@/db/enums";

type InvitationStatus = (typeof INVITATION_STATUSES)[number];
import type { SeededProcedure } from "./demoFollowUp";
import { clamp, makeRng, normal } from "./demoData";

export type PatientReportedCounts = {
  patientsWithEmail: number;
  patientsConsented: number;
  invitations: Record<InvitationStatus, number>;
  diaries: number;
  diaryEntries: number;
  patientAssessments: number;
  outboxMessages: number;
};

const DAY_MS = 86_400_000;
/** Messages of the last days stay in the outbox to read (the demo has no mail server); older ones are history. */
const OUTBOX_DAYS = 10;

type Facts = { name: string; clinic: string; tp: Map<string, { id: number; on: string }>; mark: { status: string; date: string } | null };

export function seedPatientReported(sqlite: Database.Database, seed: number, end: string, list: readonly SeededProcedure[]): PatientReportedCounts {
  const rng = makeRng(seed ^ 0x9a71_e47);
  const asOf = new Date(`${addDaysIso(end, -1)}T12:00:00.000Z`);
  const asOfDay = Math.floor(asOf.getTime() / DAY_MS);
  const consentFrom = new Date(`${addDaysIso(end, -365)}T09:00:00.000Z`);
  const timeZone = serverTimeZone();
  const instruments = loadInstruments("en");
  const domain = messageIdDomain();
  const secret = getAuthSecret();
  // Procedures share dates: each date's timing of a questionnaire is worked out once (zone arithmetic is the seed's cost).
  const timings = new Map<string, ReturnType<typeof invitationTiming>>();
  // A diary day's timing depends only on its calendar date (and whether it is the last day).
  const timingOf = (key: InvitationKey, procedureDate: string) => {
    const k = key.kind === "diary" ? `${addDaysIso(procedureDate, key.day)}|${key.day === DIARY_DAYS}` : `${procedureDate}|${key.timepoint}`;
    let t = timings.get(k);
    if (!t) timings.set(k, (t = invitationTiming(key, { procedureDate, timeZone })));
    return t;
  };
  const counts: PatientReportedCounts = {
    patientsWithEmail: 0,
    patientsConsented: 0,
    invitations: { planned: 0, sent: 0, opened: 0, completed: 0, expired: 0, failed: 0 },
    diaries: 0,
    diaryEntries: 0,
    patientAssessments: 0,
    outboxMessages: 0,
  };

  const facts = new Map<number, Facts>();
  for (const r of sqlite
    .prepare("SELECT p.id, pt.name, s.name clinic FROM procedures p JOIN patients pt ON pt.id = p.patient_id JOIN sites s ON s.id = p.site_id")
    .all() as { id: number; name: string; clinic: string }[])
    facts.set(r.id, { name: r.name, clinic: r.clinic, tp: new Map(), mark: null });
  for (const a of sqlite.prepare("SELECT id, procedure_id, timepoint, assessed_on FROM assessments WHERE out_of_window = 0").all() as {
    id: number;
    procedure_id: number;
    timepoint: string;
    assessed_on: string;
  }[])
    facts.get(a.procedure_id)?.tp.set(a.timepoint, { id: a.id, on: a.assessed_on });
  for (const m of sqlite.prepare("SELECT procedure_id, status, status_date FROM follow_up_statuses").all() as {
    procedure_id: number;
    status: string;
    status_date: string;
  }[])
    facts.get(m.procedure_id)!.mark = { status: m.status, date: m.status_date };

  const contact = sqlite.prepare(
    `UPDATE patients SET email = ?, preferred_channel = ?, contact_consent_at = ?, contact_consent_by = ?, contact_consent_version = ?,
      opted_out_at = ?, opt_out_method = ? WHERE id = ?`,
  );
  const insertInvitation = sqlite.prepare(
    `INSERT INTO invitations (id, procedure_id, kind, day, timepoint, key, token_hash, status, status_reason, planned_at, sent_at, opened_at,
      completed_at, expires_at, reminder_count, outbox_message_ids, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertDiary = sqlite.prepare(
    "INSERT INTO diary_entries (procedure_id, day, nprs_back, nprs_leg, pgic, invitation_id, submitted_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const fromPatient = sqlite.prepare("UPDATE assessments SET source = 'patient', pgic = ?, created_by = NULL WHERE id = ?");
  const insertMessage = sqlite.prepare(
    `INSERT INTO outbox_messages (channel, recipient, subject, body_text, body_html, kind, entity, entity_id, message_id, status, attempts,
      next_attempt_at, last_error, created_at, sent_at, updated_at)
     VALUES ('email', ?, ?, ?, ?, ?, 'invitation', ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );

  let invitationId = 0;
  for (const p of list) {
    const f = facts.get(p.id)!;
    const hasEmail = rng() < 0.88;
    const email = hasEmail ? `${f.name.toLowerCase().replace(/[^a-z]+/g, ".")}.${p.patientId}@example.org` : null;
    const channel = !hasEmail || rng() < 0.05 ? "letter" : "email";
    const consents = rng() < 0.9;
    const procedureStart = new Date(`${p.date}T09:00:00.000Z`);
    const consentAt = consents ? new Date(Math.max(procedureStart.getTime(), consentFrom.getTime())) : null;
    const optOutAt = consentAt && rng() < 0.02 ? new Date(consentAt.getTime() + Math.floor(5 + rng() * 60) * DAY_MS) : null;
    const bounces = channel === "email" && rng() < 0.04;
    const diarist = rng() < 0.68;
    contact.run(
      email,
      channel,
      consentAt?.toISOString() ?? null,
      consentAt ? p.physicianId : null,
      consentAt ? CURRENT_CONSENT_VERSION : null,
      optOutAt && optOutAt <= asOf ? optOutAt.toISOString() : null,
      optOutAt && optOutAt <= asOf ? "link" : null,
      p.patientId,
    );
    if (email) counts.patientsWithEmail++;
    if (!consentAt || consentAt > asOf) continue;
    counts.patientsConsented++;

    // Nothing is sent after an opt-out or a lost / withdrawn / deceased mark; what is open then expires, saying why.
    const markAt = f.mark ? new Date(`${f.mark.date}T09:00:00.000Z`) : null;
    const stops = [optOutAt && { at: optOutAt, reason: "opted_out" }, markAt && { at: markAt, reason: `follow_up_${f.mark!.status}` }]
      .filter((s): s is { at: Date; reason: string } => Boolean(s))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const stop = stops[0] ?? null;
    const first = f.name.split(" ")[0]!;
    let diaryDays = 0;
    const procedureDay = epochDay(p.date);
    const consentDay = Math.floor(consentAt.getTime() / DAY_MS);

    for (const key of allInvitationKeys()) {
      // Cheap day arithmetic first: most keys of most procedures are out of reach (before consent, or ahead).
      const fromDay = key.kind === "diary" ? key.day : windowFromDay(key);
      const untilDay = key.kind === "diary" ? key.day + 2 : windowToDay(key) + 1;
      if (procedureDay + fromDay > asOfDay + 1 || procedureDay + untilDay < consentDay - 1) continue;
      const t = timingOf(key, p.date);
      const sentAt = new Date(Math.max(t.sendFrom.getTime(), consentAt.getTime()));
      if (sentAt > asOf || sentAt >= t.sendUntil || (stop && sentAt >= stop.at)) continue;
      const expired = t.expiresAt <= asOf;
      const stopped = stop !== null && stop.at < t.expiresAt && stop.at <= asOf ? stop : null;
      const visit = key.kind === "follow_up" ? f.tp.get(key.timepoint) : undefined;
      // Assessed at a visit before it would have gone out: the scheduler never sends it.
      if (visit && visit.on < sentAt.toISOString().slice(0, 10)) continue;
      const id = ++invitationId;
      const links = invitationLinks(id, secret);
      const row = {
        status: "sent" as InvitationStatus,
        reason: null as string | null,
        sentAt: sentAt as Date | null,
        openedAt: null as Date | null,
        completedAt: null as Date | null,
        reminders: 0,
      };
      // Reminders at the invitation's wall time n days on (it went out in the daytime); cheaper than the zone arithmetic.
      const remindedAt = (n: number) => new Date(sentAt.getTime() + t.reminderDays[n]! * DAY_MS);
      const remindersBy = (until: Date) => t.reminderDays.filter((_, n) => remindedAt(n) < until).length;

      let diaryEntry: unknown[] | null = null;
      if (key.kind === "diary") {
        const answers = channel === "email" && !bounces && diarist && !stopped && rng() < 0.9 ? diaryAnswers(p, key.day, rng) : null;
        if (answers) {
          const submitted = new Date(sentAt.getTime() + Math.floor((0.2 + rng() * 4) * 3600_000));
          diaryEntry = [p.id, key.day, answers.back, answers.leg, answers.pgic, id, submitted.toISOString(), submitted.toISOString()];
          Object.assign(row, { status: "completed", openedAt: submitted, completedAt: submitted });
        }
      } else {
        if (visit && new Date(`${visit.on}T18:00:00.000Z`) <= asOf) {
          if (!bounces && rng() < (channel === "email" ? 0.45 : 0.3)) {
            // Answered from the link (by email, or typed from a printed letter): the visit's scores become the
            // patient's, with their global impression.
            const answeredAt = new Date(Math.max(Date.parse(`${visit.on}T18:30:00.000Z`), sentAt.getTime() + 3600_000));
            const relieved = fromDay >= p.trajectory.reliefDay;
            fromPatient.run(relieved ? (rng() < 0.5 ? 1 : 2) : 3 + Math.floor(rng() * 2), visit.id);
            counts.patientAssessments++;
            Object.assign(row, { status: "completed", openedAt: answeredAt, completedAt: answeredAt, reminders: remindersBy(answeredAt) });
          } else {
            Object.assign(row, { status: "completed", reason: "answered_at_clinic", reminders: remindersBy(new Date(`${visit.on}T09:00:00.000Z`)) });
          }
        } else row.reminders = remindersBy(stopped?.at ?? (expired ? t.expiresAt : asOf));
      }
      if (row.status !== "completed") {
        if (channel === "letter") {
          // A letter is printed by the physician: until then the invitation waits, planned.
          const printed = rng() < 0.55;
          if (!printed) Object.assign(row, { sentAt: null, reminders: 0 });
          Object.assign(row, { status: printed ? "sent" : "planned" });
        } else if (rng() < 0.3) Object.assign(row, { status: "opened", openedAt: new Date(sentAt.getTime() + Math.floor(rng() * 30) * 3600_000) });
        // A bounced message fails its invitation until the window closes (then it expires, as any open one).
        if (bounces && !stopped && !expired) Object.assign(row, { status: "failed", reason: "message_failed", openedAt: null, reminders: 0 });
        else if (bounces) Object.assign(row, { status: "expired", reason: stopped?.reason ?? "window_closed", openedAt: null, reminders: 0 });
        else if (stopped) Object.assign(row, { status: "expired", reason: stopped.reason });
        else if (expired) Object.assign(row, { status: "expired", reason: "window_closed" });
        if (row.openedAt && row.openedAt > asOf) row.openedAt = null;
      }

      // The outbox: the invitation and each reminder, as messages; the last days' still wait to be read.
      const messageIds: number[] = [];
      if (channel === "email" && email && (bounces || sentAt.getTime() >= asOf.getTime() - OUTBOX_DAYS * DAY_MS)) {
        const { link, optOutLink } = links;
        const sends: [PatientMessageKind, Date][] = [[key.kind === "diary" ? "diary" : "invitation", sentAt]];
        for (let n = 0; n < row.reminders; n++) sends.push(["reminder", remindedAt(n)]);
        for (const [kind, at] of sends) {
          const m = renderPatientMessage(instruments, kind, { firstName: first, clinicName: f.clinic, link, optOutLink });
          const stamp = at.toISOString();
          const result = insertMessage.run(
            email,
            m.subject,
            m.text,
            m.html,
            kind,
            String(id),
            `<demo-${id}-${messageIds.length}@${domain}>`,
            bounces ? "failed" : "queued",
            bounces ? 5 : 0,
            stamp,
            bounces ? "550 5.1.1 Mailbox unavailable: no such user here" : null,
            stamp,
            stamp,
          );
          messageIds.push(Number(result.lastInsertRowid));
          counts.outboxMessages++;
        }
      }
      const planned = (row.sentAt ?? sentAt).toISOString();
      insertInvitation.run(
        id,
        p.id,
        key.kind,
        key.kind === "diary" ? key.day : null,
        key.kind === "diary" ? null : key.timepoint,
        keyText(key),
        links.hash,
        row.status,
        row.reason,
        planned,
        row.sentAt?.toISOString() ?? null,
        row.openedAt?.toISOString() ?? null,
        row.completedAt?.toISOString() ?? null,
        t.expiresAt.toISOString(),
        row.reminders,
        messageIds.length ? messageIds.join(",") : null,
        planned,
        (row.completedAt ?? row.openedAt ?? row.sentAt ?? sentAt).toISOString(),
      );
      counts.invitations[row.status]++;
      if (diaryEntry) {
        insertDiary.run(...diaryEntry);
        counts.diaryEntries++;
        diaryDays++;
      }
    }
    if (diaryDays > 0) counts.diaries++;
  }
  return counts;
}

const windowFromDay = (key: Extract<InvitationKey, { kind: "follow_up" }>) => windowOf(key.timepoint).from;
const windowToDay = (key: Extract<InvitationKey, { kind: "follow_up" }>) => windowOf(key.timepoint).to;

/**
 * One diary day on the procedure's trajectory (the main pass's): before the relief day pain eases slowly, from
 * it on by most of what the patient will gain — so a responder's diary shows relief within days, and the
 * global impression turns "much" or "very much improved" with it.
 */
function diaryAnswers(p: SeededProcedure, day: number, rng: () => number) {
  const { reliefDay, back, leg, painGain } = p.trajectory;
  const relieved = day >= reliefDay;
  const f = relieved ? 0.8 + 0.2 * Math.min(1, (day - reliefDay) / 10) : (0.2 * day) / Math.max(reliefDay === Infinity ? 30 : reliefDay, 1);
  const score = (base: number) => Math.round(clamp(base * (1 - painGain * f) + normal(rng, 0, 0.5), 0, 10));
  const pgic = relieved ? (rng() < 0.5 ? 1 : 2) : reliefDay === Infinity ? 3 + Math.floor(rng() * 3) : 3;
  return { back: score(back), leg: score(leg), pgic };
}
