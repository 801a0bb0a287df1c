/**
 * The invitation schedule on a fixed clock: the planner is run as a scheduler would (plan, store what it said,
 * plan again at the `nextCheckAt` it gave) and every send, reminder and expiry is checked against its exact
 * instant. Then the stops (completion, opt-out, window close, follow-up status), and night hours on the clock
 * of far-east and far-west sites across daylight-saving changes.
 */
import { describe, expect, it } from "vitest";
import { allInvitationKeys, keyText, parseKeyText, type InvitationKey } from "@/lib/outcomes/invitations/invitationKeys";
import { invitationTiming, scheduleSettingsFrom, DEFAULT_SCHEDULE_SETTINGS } from "@/lib/outcomes/invitations/invitationTiming";
import { isNight, nextDaytime, parseNightHours } from "@/lib/outcomes/invitations/nightHours";
import { planInvitations, type ProcedureInvitationFacts } from "@/lib/outcomes/invitations/planInvitations";

type Event = string; // "<ISO instant> <action> <key> [detail]"

const diary = (day: number): InvitationKey => ({ kind: "diary", day });
const week2: InvitationKey = { kind: "follow_up", timepoint: "week_2" };

function facts(overrides: Partial<ProcedureInvitationFacts> = {}): ProcedureInvitationFacts {
  return {
    procedureDate: "2026-03-01",
    timeZone: "UTC",
    followUpStatus: "active",
    consentedAt: "2026-02-20T10:00:00.000Z",
    optedOutAt: null,
    completed: [],
    invitations: [],
    ...overrides,
  };
}

/**
 * Runs the planner like a scheduler from `from` until `until`, applying each action to the facts. `changes`
 * alter the facts at given instants (a completion, an opt-out…); the scheduler is then asked at that instant too.
 */
function simulate(
  start: ProcedureInvitationFacts,
  from: string,
  until: string,
  changes: { at: string; change: (f: ProcedureInvitationFacts) => ProcedureInvitationFacts }[] = [],
) {
  let f = start;
  const events: Event[] = [];
  let now = new Date(from);
  const end = new Date(until);
  const pending = [...changes].sort((a, b) => a.at.localeCompare(b.at));
  for (let guard = 0; guard < 10_000; guard++) {
    while (pending.length && new Date(pending[0]!.at) <= now) f = pending.shift()!.change(f);
    const plan = planInvitations(f, now);
    for (const a of plan.actions) {
      const at = now.toISOString();
      if (a.action === "send") {
        events.push(`${at} send ${keyText(a.key)} until ${a.expiresAt}`);
        f = { ...f, invitations: [...f.invitations, { key: a.key, sentAt: at, remindersSent: 0, expired: false }] };
      } else if (a.action === "remind") {
        events.push(`${at} remind ${keyText(a.key)} #${a.reminder}`);
        f = { ...f, invitations: f.invitations.map((i) => (keyText(i.key) === keyText(a.key) ? { ...i, remindersSent: a.reminder } : i)) };
      } else {
        events.push(`${at} expire ${keyText(a.key)} ${a.reason}`);
        f = { ...f, invitations: f.invitations.map((i) => (keyText(i.key) === keyText(a.key) ? { ...i, expired: true } : i)) };
      }
    }
    // Planning again at once must give nothing: the actions are idempotent once stored.
    expect(planInvitations(f, now).actions).toEqual([]);
    const candidates = [plan.nextCheckAt ? new Date(plan.nextCheckAt) : null, pending[0] ? new Date(pending[0].at) : null].filter((d): d is Date => d !== null);
    if (candidates.length === 0) break;
    now = new Date(Math.min(...candidates.map((d) => d.getTime())));
    if (now > end) break;
  }
  return events;
}

const only = (events: Event[], pattern: RegExp) => events.filter((e) => pattern.test(e));

describe("the schedule of one procedure", () => {
  it("sends diary day d at 18:00 on day d, answerable until the end of day d + 1", () => {
    const events = only(simulate(facts(), "2026-03-01T00:00:00Z", "2026-03-20T00:00:00Z"), / diary:/);
    const sends = only(events, / send /);
    expect(sends).toHaveLength(14);
    expect(sends[0]).toBe("2026-03-02T18:00:00.000Z send diary:1 until 2026-03-04T00:00:00.000Z");
    expect(sends[13]).toBe("2026-03-15T18:00:00.000Z send diary:14 until 2026-03-17T00:00:00.000Z");
    expect(only(events, / remind /)).toEqual([]);
    expect(only(events, / expire /)[0]).toBe("2026-03-04T00:00:00.000Z expire diary:1 window_closed");
  });

  it("sends each follow-up questionnaire when its window opens, reminds after 3 and 7 days, and expires it when the window closes", () => {
    const events = only(simulate(facts(), "2026-03-01T00:00:00Z", "2028-06-01T00:00:00Z"), / follow_up:/);
    expect(events.slice(0, 4)).toEqual([
      // 2 weeks: days 7–21 after 1 March
      "2026-03-08T08:00:00.000Z send follow_up:week_2 until 2026-03-23T00:00:00.000Z",
      "2026-03-11T08:00:00.000Z remind follow_up:week_2 #1",
      "2026-03-15T08:00:00.000Z remind follow_up:week_2 #2",
      "2026-03-23T00:00:00.000Z expire follow_up:week_2 window_closed",
    ]);
    expect(only(events, / send /)).toEqual([
      "2026-03-08T08:00:00.000Z send follow_up:week_2 until 2026-03-23T00:00:00.000Z",
      "2026-03-29T08:00:00.000Z send follow_up:week_6 until 2026-04-27T00:00:00.000Z",
      "2026-05-10T08:00:00.000Z send follow_up:month_3 until 2026-06-29T00:00:00.000Z",
      "2026-07-29T08:00:00.000Z send follow_up:month_6 until 2026-10-28T00:00:00.000Z",
      "2026-12-26T08:00:00.000Z send follow_up:month_12 until 2027-05-31T00:00:00.000Z",
      // 24 months: days 640–820 after 1 March 2026 (2028 is a leap year).
      "2027-12-01T08:00:00.000Z send follow_up:month_24 until 2028-05-30T00:00:00.000Z",
    ]);
    expect(only(events, / remind /)).toHaveLength(12);
    expect(only(events, / expire /)).toHaveLength(6);
  });

  it("stops reminding once the questionnaire is completed, and never expires a completed one", () => {
    const events = simulate(facts(), "2026-03-01T00:00:00Z", "2026-03-25T00:00:00Z", [
      { at: "2026-03-12T09:30:00Z", change: (f) => ({ ...f, completed: [week2] }) },
    ]);
    expect(only(events, /week_2/)).toEqual([
      "2026-03-08T08:00:00.000Z send follow_up:week_2 until 2026-03-23T00:00:00.000Z",
      "2026-03-11T08:00:00.000Z remind follow_up:week_2 #1",
    ]);
  });

  it("sends nothing more after an opt-out and expires the open links; a new consent resumes with the windows still open", () => {
    const events = simulate(facts(), "2026-03-01T00:00:00Z", "2026-04-05T00:00:00Z", [
      { at: "2026-03-09T12:00:00Z", change: (f) => ({ ...f, optedOutAt: "2026-03-09T12:00:00.000Z" }) },
      { at: "2026-03-25T12:00:00Z", change: (f) => ({ ...f, consentedAt: "2026-03-25T12:00:00.000Z" }) },
    ]);
    const after = events.filter((e) => e >= "2026-03-09T12");
    // Day 8 at noon: the 2-week questionnaire and yesterday's diary are open; today's diary is not sent yet.
    expect(after.filter((e) => e < "2026-03-25T12")).toEqual([
      "2026-03-09T12:00:00.000Z expire follow_up:week_2 opted_out",
      "2026-03-09T12:00:00.000Z expire diary:7 opted_out",
    ]);
    // Re-consented on day 24: the diary and the 2-week window are over; the 6-week window opens on day 28.
    expect(after.slice(2)).toEqual([
      "2026-03-29T08:00:00.000Z send follow_up:week_6 until 2026-04-27T00:00:00.000Z",
      "2026-04-01T08:00:00.000Z remind follow_up:week_6 #1",
    ]);
  });

  it("sends nothing without consent, and nothing after the follow-up ends (withdrawn, lost, deceased)", () => {
    expect(simulate(facts({ consentedAt: null }), "2026-03-01T00:00:00Z", "2028-06-01T00:00:00Z")).toEqual([]);
    for (const status of ["withdrawn", "lost", "deceased"] as const) {
      const events = simulate(facts(), "2026-03-01T00:00:00Z", "2026-04-30T00:00:00Z", [
        { at: "2026-03-12T10:00:00Z", change: (f) => ({ ...f, followUpStatus: status }) },
      ]);
      expect(events.filter((e) => e >= "2026-03-12T10")).toEqual([
        `2026-03-12T10:00:00.000Z expire follow_up:week_2 follow_up_${status}`,
        `2026-03-12T10:00:00.000Z expire diary:10 follow_up_${status}`,
      ]);
      expect(planInvitations({ ...facts(), followUpStatus: status }, new Date("2026-03-29T09:00:00Z"))).toEqual({ actions: [], nextCheckAt: null });
    }
  });

  it("sends a late invitation only while its window is open, with no reminder after the window closes", () => {
    // Consent recorded on day 19: the 2-week window (days 7–21) is still open, its reminders would fall after it.
    const events = only(simulate(facts({ consentedAt: "2026-03-20T10:00:00.000Z" }), "2026-03-20T10:00:00Z", "2026-03-30T00:00:00Z"), /week_2/);
    expect(events).toEqual([
      "2026-03-20T10:00:00.000Z send follow_up:week_2 until 2026-03-23T00:00:00.000Z",
      "2026-03-23T00:00:00.000Z expire follow_up:week_2 window_closed",
    ]);
  });

  it("after an outage sends yesterday's diary at most, never a pile of missed days", () => {
    // The scheduler was down from day 2 to noon on day 6.
    const plan = planInvitations(
      facts({ invitations: [{ key: diary(1), sentAt: "2026-03-02T18:00:00.000Z", remindersSent: 0, expired: true }] }),
      new Date("2026-03-07T12:00:00Z"),
    );
    expect(plan.actions).toEqual([{ action: "send", key: diary(5), expiresAt: "2026-03-08T00:00:00.000Z" }]);
  });

  it("writes each invitation's key as text and reads back exactly the keys it wrote", () => {
    const keys = allInvitationKeys();
    expect(keys.map(keyText)).toEqual([
      ...Array.from({ length: 14 }, (_, i) => `diary:${i + 1}`),
      ...["week_2", "week_6", "month_3", "month_6", "month_12", "month_24"].map((t) => `follow_up:${t}`),
    ]);
    for (const key of keys) expect(parseKeyText(keyText(key))).toEqual(key);
    for (const bad of ["diary:0", "diary:15", "diary:01", "follow_up:baseline", "follow_up:day_1_3", "week_2", "", "diary:3 "])
      expect(parseKeyText(bad)).toBeNull();
  });

  it("refuses a time zone the zone database does not know", () => {
    expect(() => planInvitations(facts({ timeZone: "Mars/Olympus_Mons" }), new Date())).toThrow(/not an IANA time zone/);
  });
});

describe("night hours on the site's clock", () => {
  const night = DEFAULT_SCHEDULE_SETTINGS.nightHours;

  it("reads night hours from MESSAGE_NIGHT_HOURS and says what is wrong with a bad value", () => {
    expect(parseNightHours("21:30-07:15")).toEqual({ start: "21:30", end: "07:15" });
    expect(scheduleSettingsFrom({ NODE_ENV: "test", MESSAGE_NIGHT_HOURS: "22:00-07:00", MESSAGE_DIARY_TIME: "19:30" })).toEqual({
      ...DEFAULT_SCHEDULE_SETTINGS,
      nightHours: { start: "22:00", end: "07:00" },
      diaryTime: "19:30",
    });
    expect(scheduleSettingsFrom({ NODE_ENV: "test" })).toEqual(DEFAULT_SCHEDULE_SETTINGS);
    expect(() => scheduleSettingsFrom({ NODE_ENV: "test", MESSAGE_DIARY_TIME: "7pm" })).toThrow(/HH:MM/);
    expect(() => parseNightHours("9pm-7am")).toThrow(/HH:MM-HH:MM/);
    expect(() => parseNightHours("25:00-07:00")).toThrow(/00:00–23:59/);
  });

  it("Pacific/Auckland across the start of daylight saving (27 Sep 2026): 20:00 and 08:00 stay local, the diary hour moves in UTC", () => {
    // NZST (+12) until 02:00 on 27 Sep, NZDT (+13) after.
    expect(isNight(new Date("2026-09-26T07:30:00Z"), "Pacific/Auckland", night)).toBe(false); // 19:30 NZST
    expect(isNight(new Date("2026-09-27T07:30:00Z"), "Pacific/Auckland", night)).toBe(true); // 20:30 NZDT
    const clock = { procedureDate: "2026-09-20", timeZone: "Pacific/Auckland" };
    expect(invitationTiming(diary(6), clock).sendFrom.toISOString()).toBe("2026-09-26T06:00:00.000Z"); // 18:00 NZST
    expect(invitationTiming(diary(7), clock).sendFrom.toISOString()).toBe("2026-09-27T05:00:00.000Z"); // 18:00 NZDT
    // The 2-week window opens at midnight of 27 Sep (NZST), in the night: the invitation waits for 08:00 NZDT.
    expect(invitationTiming(week2, clock).sendFrom.toISOString()).toBe("2026-09-26T19:00:00.000Z");
    // A diary hour set inside the night moves to the next morning, on the far side of the change.
    const late = invitationTiming(diary(6), clock, { ...DEFAULT_SCHEDULE_SETTINGS, diaryTime: "21:00" });
    expect(late.sendFrom.toISOString()).toBe("2026-09-26T19:00:00.000Z");
  });

  it("Pacific/Kiritimati (UTC+14): the site's day starts 14 hours before UTC's, and the planner waits for its morning", () => {
    const f = facts({ procedureDate: "2026-01-10", timeZone: "Pacific/Kiritimati", consentedAt: "2026-01-01T00:00:00.000Z" });
    // 7 Jan 19:00 UTC is 8 Jan 09:00 at the site… the 2-week window opens on 17 Jan, site time.
    const open = invitationTiming(week2, f);
    expect(open.sendFrom.toISOString()).toBe("2026-01-16T18:00:00.000Z"); // 17 Jan 08:00 +14
    const atNight = planInvitations(f, new Date("2026-01-16T17:00:00Z")); // 07:00 at the site
    expect(atNight.actions.filter((a) => a.action === "send" && a.key.kind === "follow_up")).toEqual([]);
    expect(atNight.nextCheckAt).toBe("2026-01-16T18:00:00.000Z");
    expect(planInvitations(f, new Date("2026-01-16T18:00:00Z")).actions).toContainEqual({ action: "send", key: week2, expiresAt: "2026-01-31T10:00:00.000Z" });
  });

  it("America/Los_Angeles across the end of daylight saving (1 Nov 2026): reminders keep the invitation's wall time", () => {
    const f = facts({ procedureDate: "2026-10-20", timeZone: "America/Los_Angeles", consentedAt: "2026-10-01T00:00:00.000Z" });
    const events = only(simulate(f, "2026-10-20T07:00:00Z", "2026-11-10T00:00:00Z"), /week_2/);
    expect(events.slice(0, 3)).toEqual([
      "2026-10-27T15:00:00.000Z send follow_up:week_2 until 2026-11-11T08:00:00.000Z", // 08:00 PDT; closes end of 10 Nov PST
      "2026-10-30T15:00:00.000Z remind follow_up:week_2 #1", // 08:00 PDT
      "2026-11-03T16:00:00.000Z remind follow_up:week_2 #2", // 08:00 PST
    ]);
    const clock = { procedureDate: "2026-10-25", timeZone: "America/Los_Angeles" };
    expect(invitationTiming(diary(6), clock).sendFrom.toISOString()).toBe("2026-11-01T01:00:00.000Z"); // 31 Oct 18:00 PDT
    expect(invitationTiming(diary(7), clock).sendFrom.toISOString()).toBe("2026-11-02T02:00:00.000Z"); // 1 Nov 18:00 PST
    expect(nextDaytime(new Date("2026-11-01T05:00:00Z"), "America/Los_Angeles", night).toISOString()).toBe("2026-11-01T16:00:00.000Z"); // 22:00 PDT → 08:00 PST
  });

  it("Pacific/Pago_Pago (UTC−11): a send due in the site's night moves to its next morning, a calendar day after UTC's", () => {
    const f = facts({ procedureDate: "2026-01-10", timeZone: "Pacific/Pago_Pago", consentedAt: "2026-01-01T00:00:00.000Z" });
    // Diary day 1 is 11 Jan at the site: 18:00 −11 is 05:00 UTC on 12 Jan.
    expect(invitationTiming(diary(1), f).sendFrom.toISOString()).toBe("2026-01-12T05:00:00.000Z");
    // The scheduler wakes at 21:00 site time on day 1 after missing 18:00–20:00: the diary waits for 08:00 on 12 Jan.
    const plan = planInvitations(f, new Date("2026-01-12T08:00:00Z"));
    expect(plan.actions).toEqual([]);
    expect(plan.nextCheckAt).toBe("2026-01-12T19:00:00.000Z");
    expect(planInvitations(f, new Date("2026-01-12T19:00:00Z")).actions).toEqual([{ action: "send", key: diary(1), expiresAt: "2026-01-13T11:00:00.000Z" }]);
  });
});
