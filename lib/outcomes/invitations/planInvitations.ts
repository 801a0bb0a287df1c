/**
 * What to do now for one procedure's invitations: a pure function of the procedure's facts and a clock instant,
 * so a scheduler can call it for every procedure as often as it likes (calling it twice with the same facts
 * gives the same answer; once its actions are stored, the next call gives none of them again).
 *
 * Nothing is sent, and every open invitation expires, when the procedure's follow-up is no longer active
 * (withdrawn, lost, deceased), when the patient has not consented to be contacted or has opted out since. A
 * completed questionnaire gets nothing more. Sends and reminders happen only in the site's daytime
 * (invitationTiming.ts), and a link expires when its window closes.
 */
import { allInvitationKeys, keyText, type InvitationKey } from "./invitationKeys";
import { invitationTiming, reminderDue, DEFAULT_SCHEDULE_SETTINGS, type ScheduleSettings } from "./invitationTiming";
import { isNight, nextDaytime } from "./nightHours";
import { assertTimeZone, localDateOf } from "./siteClock";
import { daysBetween } from "@/lib/outcomes/dates";
import { windowOf } from "@/lib/outcomes/timepoints";

/** Issue 14's follow-up status of a procedure. */
export type FollowUpStatus = "active" | "lost" | "withdrawn" | "deceased";

export type SentInvitation = {
  key: InvitationKey;
  /** ISO-8601 instant the invitation was sent. */
  sentAt: string;
  remindersSent: number;
  /** Already expired (recorded after an earlier "expire" action). */
  expired: boolean;
};

export type ProcedureInvitationFacts = {
  procedureDate: string;
  /** The site's IANA time zone. */
  timeZone: string;
  followUpStatus: FollowUpStatus;
  /** ISO-8601 instant the patient's consent to be contacted was recorded, or null. */
  consentedAt: string | null;
  /** ISO-8601 instant of the patient's opt-out, or null; a consent recorded after it counts again. */
  optedOutAt: string | null;
  /** Questionnaires already answered (by the patient's link or entered by the clinic). */
  completed: readonly InvitationKey[];
  invitations: readonly SentInvitation[];
};

export type ExpiryReason = "window_closed" | "opted_out" | "no_consent" | "follow_up_lost" | "follow_up_withdrawn" | "follow_up_deceased";

export type InvitationAction =
  | { action: "send"; key: InvitationKey; expiresAt: string }
  | { action: "remind"; key: InvitationKey; reminder: number }
  | { action: "expire"; key: InvitationKey; reason: ExpiryReason };

export type InvitationPlan = {
  actions: InvitationAction[];
  /** The next instant at which planning again could give an action (null: nothing more will ever be due). */
  nextCheckAt: string | null;
};

/** The calendar days (since the procedure) from the first on which the key may be sent to the one its link expires on. */
function spanDays(key: InvitationKey): [number, number] {
  if (key.kind === "diary") return [key.day, key.day + 2];
  const w = windowOf(key.timepoint);
  return [w.from, w.to + 1];
}

/** Why nothing may be sent for this procedure now, or null when invitations may go out. */
function stopReason(f: ProcedureInvitationFacts, now: Date): ExpiryReason | null {
  if (f.followUpStatus !== "active") return `follow_up_${f.followUpStatus}`;
  const consentedAt = f.consentedAt === null ? null : new Date(f.consentedAt);
  const optedOutAt = f.optedOutAt === null ? null : new Date(f.optedOutAt);
  const consented = consentedAt !== null && consentedAt <= now;
  const optedOut = optedOutAt !== null && optedOutAt <= now && (consentedAt === null || optedOutAt >= consentedAt);
  if (optedOut) return "opted_out";
  return consented ? null : "no_consent";
}

export function planInvitations(f: ProcedureInvitationFacts, now: Date, settings: ScheduleSettings = DEFAULT_SCHEDULE_SETTINGS): InvitationPlan {
  assertTimeZone(f.timeZone);
  const clock = { procedureDate: f.procedureDate, timeZone: f.timeZone };
  const done = new Set(f.completed.map(keyText));
  const sent = new Map(f.invitations.map((i) => [keyText(i.key), i]));
  const open = f.invitations.filter((i) => !i.expired && !done.has(keyText(i.key)));

  const stop = stopReason(f, now);
  if (stop) {
    // The scheduler is asked again when the facts change (consent recorded, status back to active), not by the clock.
    return { actions: open.map((i) => ({ action: "expire", key: i.key, reason: stop })), nextCheckAt: null };
  }

  const night = isNight(now, f.timeZone, settings.nightHours);
  const actions: InvitationAction[] = [];
  const later: Date[] = [];
  // Due by now and in the daytime: act. Due later, or now but in the night: check again then (or at the end of the night).
  const dueNow = (due: Date) => {
    if (due <= now && !night) return true;
    later.push(due > now ? due : nextDaytime(now, f.timeZone, settings.nightHours));
    return false;
  };

  // Only keys whose span (the first day it may be sent to the day its link expires) reaches today are timed:
  // timing every key on every call costs a hundred zone conversions. Of the keys still ahead only the nearest
  // matter, for the next check.
  const today = daysBetween(f.procedureDate, localDateOf(now, f.timeZone));
  let ahead: { first: number; keys: InvitationKey[] } | null = null;
  for (const key of allInvitationKeys()) {
    if (done.has(keyText(key))) continue;
    let invitation = sent.get(keyText(key));
    const [first, last] = spanDays(key);
    if (!invitation || invitation.expired) {
      if (today > last) continue;
      if (today < first - 1) {
        if (ahead === null || first < ahead.first) ahead = { first, keys: [key] };
        else if (first === ahead.first) ahead.keys.push(key);
        continue;
      }
    }
    const t = invitationTiming(key, clock, settings);
    if (!invitation) {
      if (now >= t.sendUntil || !dueNow(t.sendFrom)) continue;
      actions.push({ action: "send", key, expiresAt: t.expiresAt.toISOString() });
      // What follows this send (its reminders, its expiry) counts for the next check.
      invitation = { key, sentAt: now.toISOString(), remindersSent: 0, expired: false };
    }
    if (invitation.expired) continue;
    if (now >= t.expiresAt) {
      actions.push({ action: "expire", key, reason: "window_closed" });
      continue;
    }
    later.push(t.expiresAt);
    const remind = (n: number) => {
      const days = t.reminderDays[n];
      return days === undefined ? null : reminderDue(new Date(invitation.sentAt), days, f.timeZone, settings.nightHours);
    };
    const due = remind(invitation.remindersSent);
    if (!due || due >= t.expiresAt || !dueNow(due)) continue;
    actions.push({ action: "remind", key, reminder: invitation.remindersSent + 1 });
    const following = remind(invitation.remindersSent + 1);
    if (following && following < t.expiresAt) later.push(following);
  }

  for (const key of ahead?.keys ?? []) later.push(invitationTiming(key, clock, settings).sendFrom);
  const next = later.filter((d) => d > now).sort((a, b) => a.getTime() - b.getTime())[0];
  return { actions, nextCheckAt: next ? next.toISOString() : null };
}
