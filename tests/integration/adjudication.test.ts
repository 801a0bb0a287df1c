/**
 * Adjudication: who may decide, what a decision keeps (the reporter's original) and changes (status, final
 * values, the thread), the answer to a request for information, and the audit row of each step. A refusal
 * writes nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { asc, count, desc, eq } from "drizzle-orm";
import { auditLog, complicationNotes, complications } from "@/db/schema";
import { verifyChain, type ChainRow } from "@/lib/audit/hashChain";
import { adjudicateComplication, answerInformationRequest, getAdjudicationView, getReviewItem, openQuestionsFor } from "@/lib/dal/records/adjudication";
import { listReviewQueue, reviewPhysicianOptions, reviewStatusCounts } from "@/lib/dal/records/reviewQueue";
import { parseReviewQueueQuery } from "@/lib/validation/adjudication";
import { updateComplication } from "@/lib/dal/records/complications";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import type { Principal } from "@/lib/dal/principal";
import { tempDatabaseForFile } from "../support/tempDb";
import { insertComplication, insertPatient, insertProcedure, insertSite, insertUser, principalOf } from "../support/fixtures";

const { db } = await tempDatabaseForFile("adjudication");

const who = {} as Record<"owner" | "otherPhysician" | "qo" | "admin", Principal>;
let siteId = 0;
let procedureId = 0;
let otherProcedureId = 0;

beforeAll(async () => {
  siteId = (await insertSite(db)).id;
  who.owner = principalOf(await insertUser(db, "physician", { siteId, name: "Dr Owner" }));
  who.otherPhysician = principalOf(await insertUser(db, "physician", { siteId, name: "Dr Other" }));
  who.qo = principalOf(await insertUser(db, "quality_officer"));
  who.admin = principalOf(await insertUser(db, "admin"));
  const patient = await insertPatient(db, siteId, { primaryPhysicianId: who.owner.id });
  procedureId = (await insertProcedure(db, { patientId: patient.id, physicianId: who.owner.id, siteId, procedureDate: "2026-01-10" })).id;
  const otherPatient = await insertPatient(db, siteId, { primaryPhysicianId: who.otherPhysician.id });
  otherProcedureId = (await insertProcedure(db, { patientId: otherPatient.id, physicianId: who.otherPhysician.id, siteId, procedureDate: "2026-02-10" })).id;
});

const newReport = (over: Partial<typeof complications.$inferInsert> = {}) =>
  insertComplication(db, {
    procedureId,
    onsetDate: "2026-01-11",
    reportedBy: who.owner.id,
    reportedAt: "2026-01-12T09:00:00.000Z",
    grade: 2,
    relatedness: "procedure",
    ...over,
  });

const countOf = async (table: typeof complications | typeof complicationNotes | typeof auditLog) => (await db.select({ n: count() }).from(table))[0]!.n;
const snapshot = async () => [await countOf(complications), await countOf(complicationNotes), await countOf(auditLog)];
const row = async (id: number) => (await db.select().from(complications).where(eq(complications.id, id)).limit(1))[0]!;
const lastAudit = async () => (await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a refusal");
}

describe("deciding", () => {
  it("confirms with a changed grade and relatedness, keeping the reporter's original, and audits before/after", async () => {
    const c = await newReport();
    const after = await adjudicateComplication(who.qo, c.id, {
      decision: "confirm",
      reason: "Transfusion was given: grade II is right, but the device caused it",
      finalGrade: "2",
      finalRelatedness: "device",
    });
    expect(after).toMatchObject({
      adjudicationStatus: "confirmed",
      grade: 2,
      relatedness: "procedure",
      finalGrade: 2,
      finalRelatedness: "device",
      adjudicatedBy: who.qo.id,
    });
    expect(after.adjudicationNote).toMatch(/Transfusion/);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "complication.adjudicate.confirm", entity: "complication", entityId: String(c.id), userId: who.qo.id });
    expect(JSON.parse(audit.before!)).toMatchObject({ adjudicationStatus: "pending", finalRelatedness: null });
    expect(JSON.parse(audit.after!)).toMatchObject({ adjudicationStatus: "confirmed", finalRelatedness: "device" });
    const notes = await db.select().from(complicationNotes).where(eq(complicationNotes.complicationId, c.id));
    expect(notes).toMatchObject([{ kind: "decision", authorId: who.qo.id }]);
  });

  it("confirming without final values takes the reporter's grade and relatedness", async () => {
    const c = await newReport({ grade: 1, relatedness: "anaesthesia" });
    const after = await adjudicateComplication(who.qo, c.id, { decision: "confirm", reason: "As reported", finalGrade: "", finalRelatedness: "" });
    expect(after).toMatchObject({ finalGrade: 1, finalRelatedness: "anaesthesia" });
  });

  it("rejects as not a complication and clears the final values", async () => {
    const c = await newReport({ finalGrade: 2, finalRelatedness: "procedure", adjudicationStatus: "confirmed" });
    const after = await adjudicateComplication(who.qo, c.id, { decision: "reject", reason: "Pre-existing radiculopathy documented before the procedure" });
    expect(after).toMatchObject({ adjudicationStatus: "rejected", finalGrade: null, finalRelatedness: null, grade: 2 });
    expect((await lastAudit()).action).toBe("complication.adjudicate.reject");
  });

  it("requires a reason and a decision, naming the fields, and writes nothing", async () => {
    const c = await newReport();
    const before = await snapshot();
    const e = await refusal(adjudicateComplication(who.qo, c.id, { decision: "", reason: "  " }));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).fieldErrors.reason?.[0]).toMatch(/reason/);
    expect((e as ValidationError).fieldErrors.decision?.[0]).toMatch(/Choose a decision/);
    const e2 = await refusal(adjudicateComplication(who.qo, c.id, { decision: "confirm", reason: "ok", finalGrade: "7" }));
    expect((e2 as ValidationError).fieldErrors.finalGrade?.[0]).toMatch(/from 1 to 5/);
    expect(await snapshot()).toEqual(before);
    expect((await row(c.id)).adjudicationStatus).toBe("pending");
  });

  it("refuses grade V for an event that was not a death, and less than V for a death", async () => {
    const c = await newReport();
    expect(
      ((await refusal(adjudicateComplication(who.qo, c.id, { decision: "confirm", reason: "x", finalGrade: "5" }))) as ValidationError).fieldErrors.finalGrade,
    ).toBeDefined();
    const death = await newReport({ type: "death", grade: 5, outcome: "fatal" });
    expect(
      ((await refusal(adjudicateComplication(who.qo, death.id, { decision: "confirm", reason: "x", finalGrade: "4" }))) as ValidationError).fieldErrors
        .finalGrade?.[0],
    ).toMatch(/grade V/);
  });

  it("refuses physicians (even the reporter) and admins; an unknown id is not found", async () => {
    const c = await newReport();
    const before = await snapshot();
    for (const p of [who.owner, who.otherPhysician, who.admin]) {
      expect(await refusal(adjudicateComplication(p, c.id, { decision: "confirm", reason: "mine" }))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(listReviewQueue(p, parseReviewQueueQuery({})))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(getReviewItem(p, c.id))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(reviewStatusCounts(p))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(reviewPhysicianOptions(p))).toBeInstanceOf(ForbiddenError);
    }
    expect(await refusal(adjudicateComplication(who.qo, 987654, { decision: "confirm", reason: "x" }))).toBeInstanceOf(NotFoundError);
    expect(await snapshot()).toEqual(before);
  });
});

describe("asking for information and answering", () => {
  it("the question reaches the physician, who answers; the report returns to the queue as pending", async () => {
    const c = await newReport();
    await adjudicateComplication(who.qo, c.id, { decision: "needs_info", reason: "Was a transfusion given? Please attach the discharge letter." });
    expect((await row(c.id)).adjudicationStatus).toBe("needs_info");

    const view = await getAdjudicationView(who.owner, c.id);
    expect(view.canAnswer).toBe(true);
    expect(view.thread).toMatchObject([{ kind: "question", authorRole: "quality_officer" }]);
    expect((await getAdjudicationView(who.qo, c.id)).canAnswer).toBe(false);

    await answerInformationRequest(who.owner, c.id, { answer: "Yes, one unit on day 2; letter scanned into the chart." });
    expect((await row(c.id)).adjudicationStatus).toBe("pending");
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "complication.answer_information_request", userId: who.owner.id });
    expect(JSON.parse(audit.after!).informationAnswer).toMatch(/one unit/);
    expect((await getAdjudicationView(who.owner, c.id)).thread.map((n) => n.kind)).toEqual(["question", "answer"]);
  });

  it("another physician cannot answer or even see the request; QO and admin cannot answer; no open request is refused", async () => {
    const c = await newReport();
    await adjudicateComplication(who.qo, c.id, { decision: "needs_info", reason: "Which level bled?" });
    const before = await snapshot();
    expect(await refusal(answerInformationRequest(who.otherPhysician, c.id, { answer: "not mine" }))).toBeInstanceOf(NotFoundError);
    expect(await refusal(getAdjudicationView(who.otherPhysician, c.id))).toBeInstanceOf(NotFoundError);
    expect(await refusal(answerInformationRequest(who.qo, c.id, { answer: "x" }))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(answerInformationRequest(who.admin, c.id, { answer: "x" }))).toBeInstanceOf(ForbiddenError);
    expect(((await refusal(answerInformationRequest(who.owner, c.id, { answer: " " }))) as ValidationError).fieldErrors.answer).toBeDefined();
    expect(await snapshot()).toEqual(before);

    const pending = await newReport();
    expect(((await refusal(answerInformationRequest(who.owner, pending.id, { answer: "unasked" }))) as ValidationError).fieldErrors.answer?.[0]).toMatch(
      /no open request/,
    );
  });

  it("a physician's correction of a needs-info report also sends it back to pending", async () => {
    const c = await newReport();
    await adjudicateComplication(who.qo, c.id, { decision: "needs_info", reason: "Grade?" });
    await updateComplication(who.owner, c.id, {
      procedureId,
      type: "bleeding",
      onsetDate: "2026-01-11",
      grade: "1",
      relatedness: "procedure",
      outcome: "resolved",
    });
    expect((await row(c.id)).adjudicationStatus).toBe("pending");
  });
});

describe("the review queue", () => {
  it("filters by status, physician, type, grade and age of report, and counts by status", async () => {
    const old = await insertComplication(db, {
      procedureId: otherProcedureId,
      onsetDate: "2026-02-11",
      type: "infection",
      grade: 3,
      reportedAt: "2026-02-12T08:00:00.000Z",
      reportedBy: who.otherPhysician.id,
    });
    const recent = await insertComplication(db, {
      procedureId: otherProcedureId,
      onsetDate: "2026-02-11",
      type: "infection",
      grade: 3,
      reportedAt: "2026-03-30T08:00:00.000Z",
      reportedBy: who.otherPhysician.id,
    });
    const q = (params: Record<string, string>) => listReviewQueue(who.qo, parseReviewQueueQuery(params), "2026-04-01");
    const ids = async (params: Record<string, string>) => (await q(params)).rows.map((r) => r.id);

    expect(await ids({ physician: String(who.otherPhysician.id) })).toEqual([old.id, recent.id]);
    expect(await ids({ physician: String(who.otherPhysician.id), age: "30" })).toEqual([old.id]);
    expect(await ids({ physician: String(who.otherPhysician.id), dir: "desc" })).toEqual([recent.id, old.id]);
    expect(await ids({ type: "infection", grade: "3" })).toEqual([old.id, recent.id]);
    expect(await ids({ type: "infection", grade: "2" })).toEqual([]);
    const first = (await q({ physician: String(who.otherPhysician.id) })).rows[0]!;
    expect(first).toMatchObject({ physicianName: "Dr Other", ageDays: 48, status: "pending" });

    const all = await q({ status: "all" });
    const open = await q({ status: "open" });
    const confirmed = await q({ status: "confirmed" });
    const counts = await reviewStatusCounts(who.qo);
    expect(all.total).toBe(counts.pending + counts.needs_info + counts.confirmed + counts.rejected);
    expect(open.total).toBe(counts.pending + counts.needs_info);
    expect(confirmed.total).toBe(counts.confirmed);
    expect(confirmed.rows.every((r) => r.status === "confirmed")).toBe(true);
    // A mistyped URL still opens the default view.
    expect(parseReviewQueueQuery({ status: "bogus", grade: "9", size: "7" })).toMatchObject({ status: "open", grade: undefined, size: 25 });
  });

  it("the review item shows the report, its procedure and patient, and the thread", async () => {
    const c = await newReport({ type: "hematoma" });
    await adjudicateComplication(who.qo, c.id, { decision: "needs_info", reason: "Size of the hematoma?" });
    const item = await getReviewItem(who.qo, c.id);
    expect(item.complication).toMatchObject({ id: c.id, grade: 2, relatedness: "procedure" });
    expect(item.context).toMatchObject({ procedureId, physicianName: "Dr Owner" });
    expect(item.reporterName).toBe("Dr Owner");
    expect(item.thread).toHaveLength(1);
    expect(item.otherReports.length).toBeGreaterThan(0);
  });

  it("every decision kept the audit chain intact", async () => {
    const rows = (await db.select().from(auditLog).orderBy(asc(auditLog.id))) as ChainRow[];
    expect(verifyChain(rows)).toMatchObject({ ok: true });
  });
});

describe("the adjudicator's open questions on the physician's home page", () => {
  it("lists the owner's reports waiting for information with the question's words, to no one else, until answered", async () => {
    const c = await newReport();
    const other = await insertComplication(db, { procedureId: otherProcedureId, onsetDate: "2026-02-11", reportedBy: who.otherPhysician.id });
    await adjudicateComplication(who.qo, c.id, { decision: "needs_info", reason: "Was the haematoma drained? Please attach the note." });
    await adjudicateComplication(who.qo, other.id, { decision: "needs_info", reason: "A question for the other physician" });

    const mine = await openQuestionsFor(who.owner);
    expect(mine.map((q) => q.complicationId)).toContain(c.id);
    expect(mine.map((q) => q.complicationId)).not.toContain(other.id);
    const question = mine.find((q) => q.complicationId === c.id)!;
    expect(question).toMatchObject({ procedureId, question: "Was the haematoma drained? Please attach the note." });
    expect((await openQuestionsFor(who.otherPhysician)).map((q) => q.complicationId)).toEqual([other.id]);
    // Quality officers ask and administrators do not answer: neither has questions waiting.
    expect(await openQuestionsFor(who.qo)).toEqual([]);
    expect(await openQuestionsFor(who.admin)).toEqual([]);

    await answerInformationRequest(who.owner, c.id, { answer: "Drained on day 2, note attached to the chart." });
    expect((await openQuestionsFor(who.owner)).map((q) => q.complicationId)).not.toContain(c.id);
  });
});
