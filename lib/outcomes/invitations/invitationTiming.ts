/**
 * When each invitation of one procedure may be sent, until when, when its link expires, and when reminders
 * follow — on the site's clock (siteClock.ts), out of its night hours (nightHours.ts).
 *
 *  - Diary day d (1–14): sent at the diary hour (default 18:00) on day d — the page asks about that day by its
 *    date — and answerable until the end of day d + 1, so an evening message can be answered the next morning.
 *    If it could not go out that evening it may still go until the next day's diary message is due, never
 *    later, so a patient never gets a pile of diary days at once. No reminders: the next day asks again.
 *  - Follow-up questionnaire (lib/outcomes/timepoints.ts windows): sent when its window opens (its first day,
 *    at the end of that night), answerable until the end of the window's last day, with reminders 3 and 7
 *    days after the invitation while the window is still open.
 */
import { addDaysIso } from "@/lib/outcomes/dates";
import { windowOf } from "@/lib/outcomes/timepoints";
import { DIARY_DAYS, type InvitationKey } from "./invitationKeys";
import { nextDaytime, parseNightHours, type NightHours, DEFAULT_NIGHT_HOURS } from "./nightHours";
import { addLocalDays, instantAt, minutesOfTime } from "./siteClock";

export type ScheduleSettings = {
  nightHours: NightHours;
  /** When the diary message goes out on each diary day, `HH:MM` on the site's clock. */
  diaryTime: string;
  /** Days after the invitation at which a follow-up questionnaire still unanswered is reminded. */
  reminderDays: readonly number[];
};

export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = { nightHours: DEFAULT_NIGHT_HOURS, diaryTime: "18:00", reminderDays: [3, 7] };

export type InvitationTiming = {
  /** The first moment it may be sent (already moved out of the night). */
  sendFrom: Date;
  /** It is not sent from this moment on (the chance has passed). */
  sendUntil: Date;
  /** Its link stops working (the window closes). */
  expiresAt: Date;
  /** Days after sending at which a reminder is due, if still unanswered. */
  reminderDays: readonly number[];
};

export type ProcedureClock = { procedureDate: string; timeZone: string };

const startOfDay = (date: string, timeZone: string) => instantAt(date, 0, timeZone);

function diarySendFrom(day: number, p: ProcedureClock, s: ScheduleSettings): Date {
  return nextDaytime(instantAt(addDaysIso(p.procedureDate, day), minutesOfTime(s.diaryTime), p.timeZone), p.timeZone, s.nightHours);
}

export function invitationTiming(key: InvitationKey, p: ProcedureClock, s: ScheduleSettings = DEFAULT_SCHEDULE_SETTINGS): InvitationTiming {
  if (key.kind === "diary") {
    if (!Number.isInteger(key.day) || key.day < 1 || key.day > DIARY_DAYS) throw new RangeError(`diary day: ${key.day} is not a day from 1 to ${DIARY_DAYS}`);
    const expiresAt = startOfDay(addDaysIso(p.procedureDate, key.day + 2), p.timeZone);
    const next = key.day < DIARY_DAYS ? diarySendFrom(key.day + 1, p, s) : expiresAt;
    return { sendFrom: diarySendFrom(key.day, p, s), sendUntil: next < expiresAt ? next : expiresAt, expiresAt, reminderDays: [] };
  }
  const w = windowOf(key.timepoint);
  const expiresAt = startOfDay(addDaysIso(p.procedureDate, w.to + 1), p.timeZone);
  const sendFrom = nextDaytime(startOfDay(addDaysIso(p.procedureDate, w.from), p.timeZone), p.timeZone, s.nightHours);
  return { sendFrom, sendUntil: expiresAt, expiresAt, reminderDays: s.reminderDays };
}

/** When a reminder `days` after an invitation sent at `sentAt` is due: the same wall time that many days later, out of the night. */
export function reminderDue(sentAt: Date, days: number, timeZone: string, night: NightHours): Date {
  return nextDaytime(addLocalDays(sentAt, days, timeZone), timeZone, night);
}

/** The schedule's settings from the environment: MESSAGE_NIGHT_HOURS (`20:00-08:00`) and MESSAGE_DIARY_TIME (`18:00`). */
export function scheduleSettingsFrom(env: NodeJS.ProcessEnv = process.env): ScheduleSettings {
  const night = env.MESSAGE_NIGHT_HOURS?.trim();
  const diary = env.MESSAGE_DIARY_TIME?.trim();
  if (diary) minutesOfTime(diary);
  return { ...DEFAULT_SCHEDULE_SETTINGS, ...(night ? { nightHours: parseNightHours(night) } : {}), ...(diary ? { diaryTime: diary } : {}) };
}
