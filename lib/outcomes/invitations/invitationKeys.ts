/**
 * What an invitation is for: one day of the relief diary (days 1–14 after the procedure) or one scheduled
 * follow-up questionnaire. Keys have a stable text form (`diary:3`, `follow_up:week_6`) for storage and URLs.
 */
import type { ScheduledTimepoint } from "@/lib/outcomes/timepoints";

export const DIARY_DAYS = 14;

/** The follow-up questionnaires patients are invited to: baseline is before the procedure and day 1–3 is the diary's. */
export const INVITED_TIMEPOINTS = ["week_2", "week_6", "month_3", "month_6", "month_12", "month_24"] as const satisfies readonly ScheduledTimepoint[];
export type InvitedTimepoint = (typeof INVITED_TIMEPOINTS)[number];

export type InvitationKey = { kind: "diary"; day: number } | { kind: "follow_up"; timepoint: InvitedTimepoint };

export function keyText(key: InvitationKey): string {
  return key.kind === "diary" ? `diary:${key.day}` : `follow_up:${key.timepoint}`;
}

/** The key written as `keyText` makes it, or null for anything else. */
export function parseKeyText(text: string): InvitationKey | null {
  const diary = /^diary:([1-9]\d?)$/.exec(text);
  if (diary) {
    const day = Number(diary[1]);
    return day <= DIARY_DAYS ? { kind: "diary", day } : null;
  }
  const tp = /^follow_up:(\w+)$/.exec(text)?.[1];
  return tp && (INVITED_TIMEPOINTS as readonly string[]).includes(tp) ? { kind: "follow_up", timepoint: tp as InvitedTimepoint } : null;
}

/** Every invitation one procedure may get, in the order they fall due. */
export function allInvitationKeys(): InvitationKey[] {
  return [
    ...Array.from({ length: DIARY_DAYS }, (_, i): InvitationKey => ({ kind: "diary", day: i + 1 })),
    ...INVITED_TIMEPOINTS.map((timepoint): InvitationKey => ({ kind: "follow_up", timepoint })),
  ];
}
