/**
 * Alerts (issue 18 item 5) against the real database, on a fixed clock: a serious complication reported tells
 * the quality officers and the procedure's physician once (a correction tells no one again; a minor one no one
 * at all); a report waiting for adjudication too long tells the quality officers once; a physician's CUSUM
 * signal tells the quality officers and that physician once. Each alert has its email in the outbox and its
 * audit row. Nobody reads or marks another user's alerts (markAlertsRead's own matrix).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { alerts, auditLog, outboxMessages } from "@/db/schema";
import { runAlertChecks } from "@/lib/dal/alerts/alertChecks";
import { listMyAlerts, markAlertsRead, unreadAlertCount } from "@/lib/dal/alerts/alerts";
import type { Principal } from "@/lib/dal/principal";
import { reportComplication, updateComplication } from "@/lib/dal/records/complications";
import { addDaysIso, todayIso } from "@/lib/outcomes/dates";
import { insertComplication, insertPatientProcedure, insertSite, insertUser, principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const { db } = await tempDatabaseForFile("alerts");

let siteId = 0;
let officer: Principal;
let physician: Principal;
let other: Principal;
let admin: Principal;

beforeAll(async () => {
  siteId = (await insertSite(db)).id;
  officer = principalOf(await insertUser(db, "quality_officer"));
  physician = principalOf(await insertUser(db, "physician", { siteId }));
  other = principalOf(await insertUser(db, "physician", { siteId }));
  admin = principalOf(await insertUser(db, "admin"));
});

const procedureOf = (doctor: Principal, procedureDate: string) => insertPatientProcedure(db, siteId, doctor, procedureDate);
const alertsOf = (who: Principal, dedupeKey: string) =>
  db
    .select()
    .from(alerts)
    .where(and(eq(alerts.userId, who.id), eq(alerts.dedupeKey, dedupeKey)));
const report = (procedureId: number, grade: number, extra: Record<string, string> = {}) => ({
  procedureId,
  type: "dural_tear_csf_leak",
  onsetDate: addDaysIso(todayIso(), -2),
  grade: String(grade),
  relatedness: "procedure",
  outcome: "resolved",
  ...extra,
});

describe("a serious complication reported", () => {
  it("tells the quality officer and the procedure's physician once each, with an email in the outbox and an audit row", async () => {
    const procedure = await procedureOf(physician, addDaysIso(todayIso(), -10));
    const c = await reportComplication(physician, report(procedure.id, 3));
    const key = `serious:${c.id}`;
    // Each to a page they may open: the quality officer the review, the physician the procedure.
    for (const [who, link] of [
      [officer, `/quality/review/${c.id}`],
      [physician, `/procedures/${procedure.id}`],
    ] as const) {
      const rows = await alertsOf(who, key);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "serious_complication", link, readAt: null });
      expect(rows[0]!.title).toMatch(/Serious complication reported: Dural tear/);
      const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, rows[0]!.outboxMessageId!));
      expect(mail).toMatchObject({ recipient: who.email, kind: "alert", status: "queued" });
      expect(mail!.bodyText).toContain(link);
    }
    expect(await alertsOf(other, key)).toHaveLength(0);
    expect(await alertsOf(admin, key)).toHaveLength(0);
    const audited = await db.select().from(auditLog).where(eq(auditLog.action, "alert.raise"));
    expect(audited.filter((a) => JSON.parse(a.after!).dedupeKey === key)).toHaveLength(2);

    // Corrected (still serious): nobody is told twice.
    await updateComplication(physician, c.id, report(procedure.id, 4));
    expect(await alertsOf(officer, key)).toHaveLength(1);
  });

  it("tells no one of a minor one, and tells when a correction makes it serious", async () => {
    const procedure = await procedureOf(physician, addDaysIso(todayIso(), -10));
    const c = await reportComplication(physician, report(procedure.id, 1));
    expect(await alertsOf(officer, `serious:${c.id}`)).toHaveLength(0);
    await updateComplication(physician, c.id, report(procedure.id, 1, { serious: "on" }));
    expect(await alertsOf(officer, `serious:${c.id}`)).toHaveLength(1);
  });
});

describe("the checks of the background pass", () => {
  it("tells the quality officers of a report waiting more than 14 days, once; not the physician, not a decided report", async () => {
    const now = new Date("2026-06-20T12:00:00Z");
    const procedure = await procedureOf(other, "2026-05-01");
    const waiting = await insertComplication(db, { procedureId: procedure.id, onsetDate: "2026-05-03", reportedAt: "2026-06-05T09:00:00.000Z" });
    const recent = await insertComplication(db, { procedureId: procedure.id, onsetDate: "2026-05-04", reportedAt: "2026-06-15T09:00:00.000Z" });
    const decided = await insertComplication(db, {
      procedureId: procedure.id,
      onsetDate: "2026-05-05",
      reportedAt: "2026-05-06T09:00:00.000Z",
      adjudicationStatus: "confirmed",
    });
    await runAlertChecks(now);
    expect(await alertsOf(officer, `review-overdue:${waiting.id}`)).toHaveLength(1);
    expect(await alertsOf(other, `review-overdue:${waiting.id}`)).toHaveLength(0);
    expect(await alertsOf(officer, `review-overdue:${recent.id}`)).toHaveLength(0);
    expect(await alertsOf(officer, `review-overdue:${decided.id}`)).toHaveLength(0);
    await runAlertChecks(now);
    expect(await alertsOf(officer, `review-overdue:${waiting.id}`)).toHaveLength(1);
  });

  it("tells the quality officers and the physician when the physician's CUSUM signals, once per signal", async () => {
    const clustered = principalOf(await insertUser(db, "physician", { siteId, name: "Dr Cluster" }));
    // Serious, procedure-related events in a row: far above 0.1 %, the CUSUM crosses its limit within a few.
    for (let i = 0; i < 6; i++) {
      const p = await procedureOf(clustered, `2026-01-${String(10 + i).padStart(2, "0")}`);
      await insertComplication(db, { procedureId: p.id, onsetDate: `2026-01-${String(11 + i).padStart(2, "0")}`, grade: 3, adjudicationStatus: "confirmed" });
    }
    const now = new Date("2026-03-01T12:00:00Z");
    const first = await runAlertChecks(now);
    expect(first.cusumSignals).toBeGreaterThanOrEqual(1);
    const mine = (await listMyAlerts(clustered)).filter((a) => a.kind === "cusum_signal");
    expect(mine).toHaveLength(1);
    expect(mine[0]!.dedupeKey).toMatch(new RegExp(`^cusum:${clustered.id}:2026-01-\\d\\d$`));
    expect(mine[0]!.link).toBe("/outcomes");
    const officers = await alertsOf(officer, mine[0]!.dedupeKey);
    expect(officers).toHaveLength(1);
    expect(officers[0]!.link).toBe(`/quality?cusum=${clustered.id}`);
    expect(await alertsOf(other, mine[0]!.dedupeKey)).toHaveLength(0);
    const again = await runAlertChecks(now);
    expect(again.cusumSignals).toBe(0);
  });
});

describe("markAlertsRead: each user reads and marks only their own", () => {
  it("lists a physician's own alerts only; another user's id marks nothing; one's own is marked, audited, and the count falls", async () => {
    const officersOwn = (await listMyAlerts(officer)).map((a) => a.id);
    expect((await listMyAlerts(physician)).some((a) => officersOwn.includes(a.id))).toBe(false);
    const before = await unreadAlertCount(physician);
    expect(before).toBeGreaterThan(0);
    expect(await markAlertsRead(physician, { ids: [officersOwn[0]!] })).toBe(0);
    expect((await db.select().from(alerts).where(eq(alerts.id, officersOwn[0]!)))[0]!.readAt).toBeNull();
    const own = (await listMyAlerts(physician))[0]!;
    expect(await markAlertsRead(physician, { ids: [own.id] })).toBe(1);
    expect(await unreadAlertCount(physician)).toBe(before - 1);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, "alert.read"));
    expect(audit).toMatchObject({ userId: physician.id, entityId: String(own.id) });
    expect(await markAlertsRead(physician, { all: true })).toBe(before - 1);
    expect(await unreadAlertCount(physician)).toBe(0);
  });

  it("refuses what is not a list of ids, changing nothing", async () => {
    for (const bad of [null, {}, { ids: [] }, { ids: ["1"] }, { ids: [-1] }, { all: "yes" }]) await expect(markAlertsRead(officer, bad)).rejects.toThrow();
    expect(await unreadAlertCount(officer)).toBeGreaterThan(0);
  });

  it("an administrator has no alerts and marks none", async () => {
    expect(await listMyAlerts(admin)).toEqual([]);
    expect(await markAlertsRead(admin, { all: true })).toBe(0);
  });
});
