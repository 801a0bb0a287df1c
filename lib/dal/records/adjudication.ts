import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, transaction } from "@/db/client";
import { complicationNotes, complications, patients, procedures, sites, users, type Complication } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { adjudicationSchema, answerSchema, type AdjudicationDecision } from "@/lib/validation/adjudication";
import { actorOf, loadOwnProcedure, loadVisibleProcedure, nowIso } from "@/lib/dal/access";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/dal/errors";
import { parseInput, recordId } from "@/lib/dal/parse";
import type { Principal } from "@/lib/dal/principal";
import { onBehalfOfPhysician } from "@/lib/dal/onBehalfOf";
import { canEditProcedure } from "@/lib/dal/records/procedures";
import { withProcedureContext } from "./procedureContext";

/**
 * Adjudication of reported complications (domain brief: a quality officer confirms, rejects as "not a
 * complication" or asks for information, keeping the reporter's original). Only quality officers decide:
 * administrators manage accounts, not clinical judgements, and physicians must not grade their own events.
 * Every decision and every answer is one transaction with its audit row and its note in the thread.
 */

export function canAdjudicate(principal: Principal): boolean {
  return principal.role === "quality_officer";
}

export function requireAdjudicator(principal: Principal): void {
  if (!canAdjudicate(principal)) throw new ForbiddenError("Only quality officers adjudicate complications");
}

// ---------- one report and its thread ----------

export type ThreadNote = { id: number; at: string; kind: "question" | "answer" | "decision"; body: string; authorName: string; authorRole: Principal["role"] };

function threadOf(complicationId: number): Promise<ThreadNote[]> {
  return getDb()
    .select({
      id: complicationNotes.id,
      at: complicationNotes.at,
      kind: complicationNotes.kind,
      body: complicationNotes.body,
      authorName: users.name,
      authorRole: users.role,
    })
    .from(complicationNotes)
    .innerJoin(users, eq(users.id, complicationNotes.authorId))
    .where(eq(complicationNotes.complicationId, complicationId))
    .orderBy(asc(complicationNotes.id));
}

async function loadComplicationRow(id: number): Promise<Complication> {
  recordId(id, "Complication");
  const [row] = await getDb().select().from(complications).where(eq(complications.id, id)).limit(1);
  if (!row) throw new NotFoundError("Complication");
  return row;
}

async function userName(id: number | null): Promise<string | null> {
  if (id === null) return null;
  const [row] = await getDb().select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return row?.name ?? null;
}

const peopleOf = async (c: Complication) => ({ reporterName: await userName(c.reportedBy), adjudicatorName: await userName(c.adjudicatedBy) });

/** Everything the quality officer's review page shows: the report as filed, its procedure and patient, the thread. */
export async function getReviewItem(principal: Principal, id: number) {
  requireAdjudicator(principal);
  const complication = await loadComplicationRow(id);
  const db = getDb();
  const contextQuery = db
    .select({
      procedureId: procedures.id,
      procedureDate: procedures.procedureDate,
      levels: procedures.levels,
      side: procedures.side,
      anaesthesia: procedures.anaesthesia,
      priorTreatmentFlag: procedures.priorTreatmentFlag,
      physicianId: procedures.physicianId,
      physicianName: users.name,
      siteName: sites.name,
      patientId: patients.id,
      patientName: patients.name,
      mrn: patients.mrn,
      dateOfBirth: patients.dateOfBirth,
      sex: patients.sex,
    })
    .from(procedures)
    .$dynamic();
  const [context] = await withProcedureContext(contextQuery).where(eq(procedures.id, complication.procedureId)).limit(1);
  const otherReports = await db
    .select({ id: complications.id, type: complications.type, onsetDate: complications.onsetDate, status: complications.adjudicationStatus })
    .from(complications)
    .where(and(eq(complications.procedureId, complication.procedureId), sql`${complications.id} <> ${id}`))
    .orderBy(asc(complications.onsetDate), asc(complications.id));
  return { complication, context, otherReports, thread: await threadOf(id), ...(await peopleOf(complication)) };
}

/**
 * The adjudication state of one complication as its procedure's readers see it (the physician's record page):
 * status, reason, final values, the thread, and whether this principal may answer a request for information.
 */
export async function getAdjudicationView(principal: Principal, complicationId: number) {
  const complication = await loadComplicationRow(complicationId);
  const procedure = await loadVisibleProcedure(principal, complication.procedureId);
  const canAnswer = canEditProcedure(principal, procedure) && complication.adjudicationStatus === "needs_info";
  return { complication, thread: await threadOf(complicationId), canAnswer, ...(await peopleOf(complication)) };
}

/**
 * The quality officer's open questions to this physician: every report on their own procedures waiting for
 * information, oldest question first, with the question's words and where to answer it. Only the physician who
 * performed the procedure answers, so every other role has none.
 */
export async function openQuestionsFor(principal: Principal) {
  if (principal.role !== "physician") return [];
  const latestQuestion = (column: typeof complicationNotes.body | typeof complicationNotes.at) =>
    sql<
      string | null
    >`(select ${column} from ${complicationNotes} where ${complicationNotes.complicationId} = ${complications.id} and ${complicationNotes.kind} = 'question' order by ${complicationNotes.id} desc limit 1)`;
  return getDb()
    .select({
      complicationId: complications.id,
      type: complications.type,
      typeOther: complications.typeOther,
      onsetDate: complications.onsetDate,
      procedureId: procedures.id,
      procedureDate: procedures.procedureDate,
      patientName: patients.name,
      question: latestQuestion(complicationNotes.body),
      askedAt: latestQuestion(complicationNotes.at),
    })
    .from(complications)
    .innerJoin(procedures, eq(procedures.id, complications.procedureId))
    .innerJoin(patients, eq(patients.id, procedures.patientId))
    .where(and(eq(procedures.physicianId, principal.id), eq(complications.adjudicationStatus, "needs_info")))
    .orderBy(asc(complications.adjudicatedAt), asc(complications.id));
}

// ---------- decisions ----------

const STATUS_OF: Record<AdjudicationDecision, Complication["adjudicationStatus"]> = { confirm: "confirmed", reject: "rejected", needs_info: "needs_info" };

/**
 * A quality officer's decision. Confirming fixes the final grade and relatedness (the officer's, or the
 * reporter's when left blank); rejecting clears them (it is not a complication); asking for information
 * leaves them as they were and sends the question to the reporting physician. A decided report may be
 * decided again (reopened): each decision is a new note and a new audit row, nothing is overwritten unseen.
 */
export async function adjudicateComplication(principal: Principal, id: number, input: unknown) {
  requireAdjudicator(principal);
  // The report is read inside the writer's turn: the checks and the audit's "before" are about the very row
  // this decision replaces, even when someone else is deciding or correcting it at the same moment.
  return transaction(async (tx) => {
    const before = await loadComplicationRow(id);
    const data = parseInput(adjudicationSchema, input);
    const finalGrade = data.decision === "confirm" ? (data.finalGrade ?? before.grade) : data.decision === "reject" ? null : before.finalGrade;
    const finalRelatedness =
      data.decision === "confirm" ? (data.finalRelatedness ?? before.relatedness) : data.decision === "reject" ? null : before.finalRelatedness;
    // Clavien–Dindo grade V is death: a death or a fatal outcome cannot be confirmed at a lower grade.
    if (data.decision === "confirm" && (before.type === "death" || before.outcome === "fatal") && finalGrade !== 5) {
      throw new ValidationError({ finalGrade: ["A death or fatal outcome is Clavien–Dindo grade V"] });
    }
    if (data.decision === "confirm" && before.type !== "death" && before.outcome !== "fatal" && finalGrade === 5) {
      throw new ValidationError({ finalGrade: ["Grade V means the patient died; the report records neither a death nor a fatal outcome"] });
    }
    const at = nowIso();
    const [after] = await tx
      .update(complications)
      .set({
        adjudicationStatus: STATUS_OF[data.decision],
        adjudicatedBy: principal.id,
        adjudicatedAt: at,
        adjudicationNote: data.reason,
        finalGrade,
        finalRelatedness,
        updatedAt: at,
      })
      .where(eq(complications.id, id))
      .returning();
    await tx
      .insert(complicationNotes)
      .values({ complicationId: id, authorId: principal.id, at, kind: data.decision === "needs_info" ? "question" : "decision", body: data.reason });
    await appendAudit(tx, {
      actor: actorOf(principal),
      action: `complication.adjudicate.${data.decision}`,
      entity: "complication",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

/**
 * The physician who performed the procedure answers the quality officer's request for information. The report
 * goes back to the queue as pending, as it does when the physician corrects the report itself.
 */
export async function answerInformationRequest(principal: Principal, complicationId: number, input: unknown) {
  // Checked inside the writer's turn, so a request answered or withdrawn a moment ago is not answered twice.
  return transaction(async (tx) => {
    const before = await loadComplicationRow(complicationId);
    // Not found for another physician, forbidden for quality officers and admins (they do not write clinical records).
    const procedure = await loadOwnProcedure(principal, before.procedureId);
    if (before.adjudicationStatus !== "needs_info") {
      throw new ValidationError({ answer: ["There is no open request for information on this report"] });
    }
    const data = parseInput(answerSchema, input);
    const at = nowIso();
    const [after] = await tx
      .update(complications)
      .set({ adjudicationStatus: "pending", updatedAt: at })
      .where(eq(complications.id, complicationId))
      .returning();
    await tx.insert(complicationNotes).values({ complicationId, authorId: principal.id, at, kind: "answer", body: data.answer });
    await appendAudit(tx, {
      actor: actorOf(principal),
      onBehalfOf: await onBehalfOfPhysician(principal, procedure.physicianId),
      action: "complication.answer_information_request",
      entity: "complication",
      entityId: complicationId,
      before,
      after: { ...after, informationAnswer: data.answer },
    });
    return after;
  });
}
