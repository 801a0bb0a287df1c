/**
 * What staff see of the patients' own answers (issue 16, item 7), against the real database on whichever backend
 * runs the suite: the worklist's "reminded twice, no answer — call" with the link letter's key, home's
 * follow-up completeness split by source (clinic visit or patient link), and the outcome dashboard's response
 * rates per questionnaire and channel with exact CIs — each for whom it is for, and nothing for anyone else.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { invitations, followUpStatuses } from "@/db/schema";
import { NotFoundError } from "@/lib/dal/errors";
import { getHomeSummary } from "@/lib/dal/outcomes/home";
import { getResponseRates } from "@/lib/dal/outcomes/responseRates";
import type { Principal } from "@/lib/dal/principal";
import { getWorklist } from "@/lib/dal/records/worklist";
import { addDaysIso } from "@/lib/outcomes/dates";
import { parseOutcomeFiltersLenient } from "@/lib/outcomes/outcomeFilters";
import { clopperPearson } from "@/lib/stats";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertAssessment, insertCoordinator, insertPatient, insertProcedure, insertSite, insertUser, principalOf } from "../support/fixtures";

const { db } = await tempDatabaseForFile("patient-reported-staff-views");

const TODAY = "2026-06-30";
const daysAgo = (n: number) => addDaysIso(TODAY, -n);
const at = (date: string) => `${date}T10:00:00.000Z`;
const noFilters = parseOutcomeFiltersLenient({}).filters;

let siteId = 0;
let worklistDoc: Principal;
let homeDoc: Principal;
let ratesDoc: Principal;
let otherDoc: Principal;
let coordinator: Principal;
let qo: Principal;

async function procedureOf(doc: Principal, daysBefore: number, channel: "email" | "letter" = "email") {
  const patient = await insertPatient(db, siteId, {
    email: channel === "email" ? `p${randomBytes(4).toString("hex")}@example.org` : null,
    preferredChannel: channel,
    contactConsentAt: at(daysAgo(daysBefore)),
    contactConsentBy: doc.id,
    contactConsentVersion: "2026-12-v1",
  });
  return (await insertProcedure(db, { patientId: patient.id, physicianId: doc.id, siteId, procedureDate: daysAgo(daysBefore) })).id;
}

async function invite(
  procedureId: number,
  key: string,
  v: { status: (typeof invitations.$inferInsert)["status"]; reminderCount?: number; sentAt?: string | null; completedAt?: string | null },
) {
  const [kind, which] = key.split(":") as ["diary" | "follow_up", string];
  await db.insert(invitations).values({
    procedureId,
    kind,
    day: kind === "diary" ? Number(which) : null,
    timepoint: kind === "follow_up" ? which : null,
    key,
    tokenHash: randomBytes(32).toString("hex"),
    status: v.status,
    plannedAt: at(daysAgo(60)),
    sentAt: v.sentAt === undefined ? at(daysAgo(60)) : v.sentAt,
    completedAt: v.completedAt ?? null,
    expiresAt: at(addDaysIso(TODAY, 20)),
    reminderCount: v.reminderCount ?? 0,
  });
}

const w = { twice: 0, once: 0, openedTwice: 0, expiredTwice: 0 };

beforeAll(async () => {
  siteId = (await insertSite(db)).id;
  worklistDoc = principalOf(await insertUser(db, "physician", { siteId }));
  homeDoc = principalOf(await insertUser(db, "physician", { siteId }));
  ratesDoc = principalOf(await insertUser(db, "physician", { siteId }));
  otherDoc = principalOf(await insertUser(db, "physician", { siteId }));
  coordinator = principalOf(await insertCoordinator(db, [siteId]));
  qo = principalOf(await insertUser(db, "quality_officer"));

  // The worklist: four overdue 6-week follow-ups (window 28–56 days, day 45), their invitations in four states.
  w.twice = await procedureOf(worklistDoc, 45);
  await invite(w.twice, "follow_up:week_6", { status: "sent", reminderCount: 2 });
  w.once = await procedureOf(worklistDoc, 45);
  await invite(w.once, "follow_up:week_6", { status: "sent", reminderCount: 1 });
  w.openedTwice = await procedureOf(worklistDoc, 45, "letter");
  await invite(w.openedTwice, "follow_up:week_6", { status: "opened", reminderCount: 2 });
  w.expiredTwice = await procedureOf(worklistDoc, 45);
  await invite(w.expiredTwice, "follow_up:week_6", { status: "expired", reminderCount: 2 });

  // Home: five procedures past their 2-week window (7–21 days): two answered from the link (one of them since
  // withdrawn, still counted where it answered), one at the clinic, one not at all, one withdrawn before answering.
  const fromLink = await procedureOf(homeDoc, 100);
  await insertAssessment(db, { procedureId: fromLink, timepoint: "week_2", assessedOn: daysAgo(86), nprsBack: 3, source: "patient", pgic: 2 });
  const fromLinkWithdrawn = await procedureOf(homeDoc, 100);
  await insertAssessment(db, { procedureId: fromLinkWithdrawn, timepoint: "week_2", assessedOn: daysAgo(86), nprsBack: 4, source: "patient", pgic: 3 });
  await db.insert(followUpStatuses).values({ procedureId: fromLinkWithdrawn, status: "withdrawn", statusDate: daysAgo(50), createdBy: homeDoc.id });
  const atClinic = await procedureOf(homeDoc, 100);
  await insertAssessment(db, { procedureId: atClinic, timepoint: "week_2", assessedOn: daysAgo(86), nprsBack: 5 });
  await procedureOf(homeDoc, 100);
  const withdrawnEarly = await procedureOf(homeDoc, 100);
  await db.insert(followUpStatuses).values({ procedureId: withdrawnEarly, status: "withdrawn", statusDate: daysAgo(95), createdBy: homeDoc.id });

  // Response rates: settled invitations by email and by letter, plus ones that must not count (open, planned).
  const email1 = await procedureOf(ratesDoc, 200);
  await invite(email1, "diary:1", { status: "completed", completedAt: at(daysAgo(199)) });
  await invite(email1, "diary:2", { status: "expired" });
  await invite(email1, "follow_up:week_2", { status: "completed", completedAt: at(daysAgo(186)) });
  await invite(email1, "follow_up:week_6", { status: "expired", reminderCount: 2 });
  await invite(email1, "follow_up:month_3", { status: "sent" });
  await invite(email1, "follow_up:month_6", { status: "opened" });
  const email2 = await procedureOf(ratesDoc, 200);
  await invite(email2, "diary:1", { status: "failed" });
  // Answered at a clinic visit instead: sent, not answered from the link.
  await invite(email2, "follow_up:week_2", { status: "completed", completedAt: null });
  const letter = await procedureOf(ratesDoc, 200, "letter");
  await invite(letter, "follow_up:week_2", { status: "completed", completedAt: at(daysAgo(185)) });
  await invite(letter, "follow_up:week_6", { status: "expired" });
  await invite(letter, "follow_up:month_3", { status: "planned", sentAt: null });
});

describe("the worklist asks for a call after two unanswered reminders (getWorklist)", () => {
  it("flags an open invitation reminded twice, sent or opened, with the letter's key; not one reminded once, nor an expired link", async () => {
    const items = (await getWorklist(worklistDoc, {}, TODAY)).rows.filter((i) => i.timepoint === "week_6");
    const flag = (id: number) => items.find((i) => i.procedureId === id)!.unansweredInvitation;
    expect(items).toHaveLength(4);
    expect(flag(w.twice)).toEqual({ key: "follow_up:week_6", reminders: 2 });
    expect(flag(w.openedTwice)).toEqual({ key: "follow_up:week_6", reminders: 2 });
    expect(flag(w.once)).toBeNull();
    expect(flag(w.expiredTwice)).toBeNull();
  });

  it("shows the coordinator of the site the same flag; another physician sees none of these follow-ups", async () => {
    const mine = (await getWorklist(coordinator, {}, TODAY)).rows.find((i) => i.procedureId === w.twice && i.timepoint === "week_6");
    expect(mine?.unansweredInvitation).toEqual({ key: "follow_up:week_6", reminders: 2 });
    const others = (await getWorklist(otherDoc, {}, TODAY)).rows;
    expect(others.filter((i) => Object.values(w).includes(i.procedureId))).toEqual([]);
  });
});

describe("home's follow-up completeness by source (getHomeSummary)", () => {
  it("splits the assessed into clinic and patient link over the same procedures still expected, the withdrawn counted where they answered", async () => {
    const week2 = (await getHomeSummary(homeDoc, TODAY)).followUp.find((f) => f.timepoint === "week_2")!;
    expect(week2).toMatchObject({ eligible: 4, done: 3, byPatient: 2, notExpected: { withdrawn: 1 } });
    // The page shows each share with its exact CI over the same n.
    expect(clopperPearson({ events: week2.byPatient, n: week2.eligible, confLevel: 0.95 }).estimate).toBe(0.5);
  });

  it("counts nothing by the link before a patient has answered one", async () => {
    for (const f of (await getHomeSummary(worklistDoc, TODAY)).followUp) expect(f.byPatient).toBe(0);
  });
});

describe("response rates per questionnaire and channel (getResponseRates)", () => {
  it("answered from the link over sent and settled, per questionnaire and channel, with exact CIs; open and planned invitations left out", async () => {
    const { rows, total } = await getResponseRates(ratesDoc, noFilters);
    expect(rows.map((r) => [r.questionnaire, r.channel, r.answered, r.sent])).toEqual([
      ["diary", "email", 1, 3],
      ["week_2", "email", 1, 2],
      ["week_2", "letter", 1, 1],
      ["week_6", "email", 0, 1],
      ["week_6", "letter", 0, 1],
    ]);
    expect(rows[0]!.ci).toEqual(clopperPearson({ events: 1, n: 3, confLevel: 0.95 }));
    expect(total).toMatchObject({ sent: 8, answered: 3 });
    expect(total.ci).toEqual(clopperPearson({ events: 3, n: 8, confLevel: 0.95 }));
  });

  it("follows the outcome pages' access: a quality officer may focus on the physician; another physician gets only their own (none); a coordinator nothing", async () => {
    const focused = await getResponseRates(qo, { ...noFilters, physician: ratesDoc.id });
    expect(focused.total).toMatchObject({ sent: 8, answered: 3 });
    expect((await getResponseRates(otherDoc, noFilters)).rows).toEqual([]);
    await expect(getResponseRates(otherDoc, { ...noFilters, physician: ratesDoc.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getResponseRates(coordinator, noFilters)).rejects.toBeInstanceOf(NotFoundError);
  });
});
