/**
 * The figures kept between requests (lib/dal/outcomes/versionedCache.ts) are never stale (issue 17): a random
 * sequence of writes through the data layer — new and corrected assessments, complication reports and their
 * adjudication, follow-up marks set and removed, subsequent surgeries, a site renamed — and after every step the
 * dashboard summary (a quality officer's and a physician's), the physician's pooled practice, the quality page and
 * the risk-adjusted comparison, as served, equal a from-scratch recomputation. With nothing written in between, a
 * view is served from the cache (the very same object).
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { asc, eq, max, ne } from "drizzle-orm";
import { transaction } from "@/db/client";
import { assessments, auditLog, complications, procedures, sites } from "@/db/schema";
import { appendAudit } from "@/lib/audit/appendAudit";
import { exportCsvResponse } from "@/lib/http/csvExportResponse";
import { updateSite } from "@/lib/dal/admin/admin";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import { outcomeCohort, practiceWideCohort, readCohort } from "@/lib/dal/outcomes/cohort";
import { outcomeDurability, outcomeHeadline, outcomePool, outcomeSummary } from "@/lib/dal/outcomes/dashboard";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import { clearVersionedCache, versioned } from "@/lib/dal/outcomes/versionedCache";
import { forgetPracticeSnapshot } from "@/lib/dal/outcomes/practiceSnapshot";
import type { Principal } from "@/lib/dal/principal";
import { adjudicateComplication } from "@/lib/dal/records/adjudication";
import { createAssessment, updateAssessment } from "@/lib/dal/records/assessments";
import { updateProcedure } from "@/lib/dal/records/procedures";
import { reportComplication } from "@/lib/dal/records/complications";
import { setFollowUpStatus } from "@/lib/dal/records/followUp";
import { recordSubsequentSurgery } from "@/lib/dal/records/subsequentSurgeries";
import { addDaysIso } from "@/lib/outcomes/dates";
import { DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW } from "@/lib/outcomes/outcomeFilters";
import { demoPrincipals, seedDemoInto } from "../fixtures/csv/csvHelpers";
import { insertCoordinator, insertUser, principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";
import { correctMonth12Odi } from "../support/month12";

const t = await tempDatabaseForFile("outcome-cache");
const db = t.db;

const TODAY = "2026-11-25";
let officer: Principal;
let admin: Principal;
let doctor: Principal;
let otherDoctor: Principal;
let ownProcedures: { id: number; procedureDate: string }[] = [];
let othersProcedures: { id: number; procedureDate: string }[] = [];

beforeAll(async () => {
  await seedDemoInto(t, { procedures: 150, seed: 11, end: TODAY, physicians: 3 });
  ({ qo: officer, admin, doc: doctor, otherDoc: otherDoctor } = await demoPrincipals(db));
  const proceduresOf = (who: Principal) =>
    db
      .select({ id: procedures.id, procedureDate: procedures.procedureDate })
      .from(procedures)
      .where(eq(procedures.physicianId, who.id))
      .orderBy(asc(procedures.id));
  ownProcedures = await proceduresOf(doctor);
  othersProcedures = await proceduresOf(otherDoctor);
}, 60_000);

/** Every cached view, as served now. */
const views = () =>
  Promise.all([
    outcomeSummary(officer, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY),
    outcomeSummary(doctor, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY),
    outcomePool(doctor, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY),
    qualityOverview(officer, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY),
    adjustedComparison(officer, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW.mcid, TODAY),
    adjustedComparison(doctor, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW.mcid, TODAY),
    // The parts kept apart (the headline cards, the durability card, the API), under another view too.
    outcomeHeadline(doctor, DEFAULT_OUTCOME_FILTERS, { at: "month_3", mcid: "odi-15pt" }, TODAY),
    outcomeDurability(officer, DEFAULT_OUTCOME_FILTERS, TODAY),
  ]);

/** A write the data layer may refuse (a timepoint already taken, a date before the procedure): refusals write nothing. */
async function attempt(write: () => Promise<unknown>) {
  try {
    await write();
  } catch (e) {
    if (!(e instanceof Error) || !/Validation|Forbidden|NotFound/.test(e.constructor.name)) throw e;
  }
}

type Step =
  | { kind: "assessment"; procedure: number; day: number; nprs: number; byOther?: boolean }
  | { kind: "correctAssessment"; nprs: number }
  | { kind: "correctMonth12"; pick: number; odi: number }
  | { kind: "report"; procedure: number; grade: number; serious: boolean }
  | { kind: "adjudicate"; decision: "confirm" | "reject" }
  | { kind: "followUp"; procedure: number; status: "lost" | "withdrawn" | "deceased" | "active"; day: number }
  | { kind: "scheduledVisit"; procedure: number; odi: number }
  | { kind: "surgery"; procedure: number }
  | { kind: "renameSite"; n: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("assessment" as const), procedure: fc.nat(), day: fc.integer({ min: 1, max: 400 }), nprs: fc.integer({ min: 0, max: 10 }) }),
  // Another physician's patient: the doctor's own figures are kept, the pool and everyone's are not.
  fc.record({
    kind: fc.constant("assessment" as const),
    procedure: fc.nat(),
    day: fc.integer({ min: 1, max: 400 }),
    nprs: fc.integer({ min: 0, max: 10 }),
    byOther: fc.constant(true),
  }),
  fc.record({ kind: fc.constant("correctAssessment" as const), nprs: fc.integer({ min: 0, max: 10 }) }),
  // A 12-month ODI corrected: an input of the responder and ODI-change models (most writes leave those alone).
  fc.record({ kind: fc.constant("correctMonth12" as const), pick: fc.nat(), odi: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant("report" as const), procedure: fc.nat(), grade: fc.integer({ min: 1, max: 4 }), serious: fc.boolean() }),
  fc.record({ kind: fc.constant("adjudicate" as const), decision: fc.constantFrom("confirm" as const, "reject" as const) }),
  fc.record({
    kind: fc.constant("followUp" as const),
    procedure: fc.nat(),
    status: fc.constantFrom("lost" as const, "withdrawn" as const, "deceased" as const, "active" as const),
    // From a day after the procedure: a mark dated before a window closes takes the procedure out of its denominator.
    day: fc.integer({ min: 1, max: 800 }),
  }),
  // A visit at the 24-month timepoint: a timepoint assessed (follow-up completeness), a later last visit (durability).
  fc.record({ kind: fc.constant("scheduledVisit" as const), procedure: fc.nat(), odi: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant("surgery" as const), procedure: fc.nat() }),
  fc.record({ kind: fc.constant("renameSite" as const), n: fc.nat({ max: 999 }) }),
);

async function apply(step: Step) {
  const own = (i: number) => ownProcedures[i % ownProcedures.length]!;
  switch (step.kind) {
    case "assessment": {
      const p = step.byOther ? othersProcedures[step.procedure % othersProcedures.length]! : own(step.procedure);
      const on = addDaysIso(p.procedureDate, step.day);
      if (on > TODAY) return;
      return attempt(() =>
        createAssessment(
          step.byOther ? otherDoctor : doctor,
          { procedureId: p.id, timepoint: "unscheduled", assessedOn: on, nprsBack: String(step.nprs), nprsLeg: String(step.nprs) },
          TODAY,
        ),
      );
    }
    case "correctAssessment": {
      const [a] = await db.select().from(assessments).where(eq(assessments.createdBy, doctor.id)).orderBy(asc(assessments.id)).limit(1);
      if (!a) return;
      return attempt(() =>
        updateAssessment(
          doctor,
          a.id,
          { procedureId: a.procedureId, timepoint: a.timepoint, assessedOn: a.assessedOn, nprsBack: String(step.nprs), nprsLeg: String(step.nprs) },
          TODAY,
        ),
      );
    }
    case "correctMonth12":
      return attempt(() => correctMonth12Odi(db, doctor, step.pick, step.odi, TODAY));
    case "report": {
      const p = own(step.procedure);
      const onset = addDaysIso(p.procedureDate, 3);
      if (onset > TODAY) return;
      return attempt(() =>
        reportComplication(
          doctor,
          {
            procedureId: p.id,
            type: "dural_tear_csf_leak",
            onsetDate: onset,
            grade: String(step.grade),
            relatedness: "procedure",
            outcome: "resolved",
            ...(step.serious ? { serious: "on" } : {}),
          },
          TODAY,
        ),
      );
    }
    case "adjudicate": {
      const [c] = await db.select().from(complications).where(eq(complications.adjudicationStatus, "pending")).orderBy(asc(complications.id)).limit(1);
      if (!c) return;
      return attempt(() => adjudicateComplication(officer, c.id, { decision: step.decision, reason: "Reviewed in the property test" }));
    }
    case "followUp": {
      const p = own(step.procedure);
      const on = addDaysIso(p.procedureDate, step.day) < TODAY ? addDaysIso(p.procedureDate, step.day) : TODAY;
      return attempt(() =>
        setFollowUpStatus(doctor, { procedureId: p.id, status: step.status, ...(step.status === "active" ? {} : { statusDate: on }) }, TODAY),
      );
    }
    case "scheduledVisit": {
      const p = own(step.procedure);
      const on = addDaysIso(p.procedureDate, 730);
      if (on > TODAY) return;
      return attempt(() => createAssessment(doctor, { procedureId: p.id, timepoint: "month_24", assessedOn: on, odi: String(step.odi) }, TODAY));
    }
    case "surgery": {
      const p = own(step.procedure);
      const on = addDaysIso(p.procedureDate, 30);
      if (on > TODAY) return;
      return attempt(() => recordSubsequentSurgery(doctor, { procedureId: p.id, surgeryDate: on, type: "laminectomy", levels: "L4-L5" }, TODAY));
    }
    case "renameSite": {
      const [site] = await db.select().from(sites).orderBy(asc(sites.id)).limit(1);
      return updateSite(admin, site!.id, { name: `Spine Centre ${step.n}` });
    }
  }
}

describe("figures kept between requests", () => {
  it("are served from the cache while nothing is written", async () => {
    const first = await views();
    const again = await views();
    first.forEach((v, i) => expect(again[i]).toBe(v));
  });

  it("equal a from-scratch recomputation after every write of a random sequence", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const step of steps) {
          await views(); // kept before the write
          await apply(step);
          const served = await views();
          // From scratch: no kept figure and no kept snapshot of the practice — everything read again.
          clearVersionedCache();
          forgetPracticeSnapshot();
          const fresh = await views();
          expect(served, JSON.stringify(step)).toEqual(fresh);
        }
      }),
      { numRuns: 8, seed: 20261206 },
    );
  }, 240_000);

  it("asked while writes keep coming, share one computation per key that includes every write before each request", async () => {
    const newestAudit = async () => Number((await db.select({ v: max(auditLog.id) }).from(auditLog))[0]!.v ?? 0);
    // The first computation is held until every request has come, as a slow one at 100,000 procedures would be.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    let computations = 0;
    let running = 0;
    let mostAtOnce = 0;
    // What the figures were computed from: the newest write they saw.
    const compute = async () => {
      computations += 1;
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      firstStarted();
      await gate;
      try {
        return await newestAudit();
      } finally {
        running -= 1;
      }
    };
    // A write (with its audit row, naming a procedure as every record write does) lands, then a request comes for
    // the same view: it must see that write.
    const write = () =>
      transaction((tx) =>
        appendAudit(tx, { actor: { id: admin.id, email: admin.email }, action: "procedure.update", entity: "procedure", entityId: ownProcedures[0]!.id }),
      );
    const ask = async () => {
      const seen = await newestAudit();
      return { seen, got: await versioned("queue-test", compute) };
    };
    await write();
    const answers = [ask()];
    await started;
    for (let i = 0; i < 11; i++) {
      await write();
      answers.push(ask());
      // Time for the request to read the version it must see (without it, all would come after the last write).
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    release();
    for (const { seen, got } of await Promise.all(answers)) expect(got).toBeGreaterThanOrEqual(seen);
    // The first request's computation, one for all who came while it ran, and at most one more for any whose
    // question was still on its way when that one started — never one per request, never two at once.
    expect(computations).toBeLessThanOrEqual(3);
    expect(mostAtOnce).toBe(1);
    const last = await versioned("queue-test", compute);
    expect(last).toBe(await newestAudit());
    expect(computations).toBeLessThanOrEqual(3);
  });

  it("stay kept through an export and an invitation's audit rows, which change no figure; a record write still renews them", async () => {
    const first = await views();
    await (await exportCsvResponse(officer, "procedures", new URLSearchParams(), TODAY, "GET")).text();
    await transaction((tx) => appendAudit(tx, { actor: null, action: "invitation.open", entity: "invitation", entityId: 1 }));
    const after = await views();
    after.forEach((v, i) => expect(v).toBe(first[i]));
    await apply({ kind: "report", procedure: 0, grade: 2, serious: false });
    const renewed = await views();
    expect(renewed[0]).not.toBe(first[0]);
  });

  it("a write to another physician's patient keeps a physician's own figures and renews the pool and everyone's", async () => {
    const first = await views();
    const p = othersProcedures[0]!;
    await createAssessment(
      otherDoctor,
      { procedureId: p.id, timepoint: "unscheduled", assessedOn: addDaysIso(p.procedureDate, 30), nprsBack: "2", nprsLeg: "2" },
      TODAY,
    );
    const after = await views();
    // The doctor's own summary and headline cards: the very same objects.
    expect(after[1]).toBe(first[1]);
    expect(after[6]).toBe(first[6]);
    // Everyone's summary and the doctor's pool are computed again, with the new assessment in them.
    expect(after[0]).not.toBe(first[0]);
    expect(after[2]).not.toBe(first[2]);
    clearVersionedCache();
    forgetPracticeSnapshot();
    expect(after).toEqual(await views());
  });

  it("a procedure a coordinator moves to another physician renews both physicians' own figures", async () => {
    const [moved] = await db.select().from(procedures).where(eq(procedures.id, ownProcedures[1]!.id));
    const newcomer = principalOf((await insertUser(db, "physician", { siteId: moved!.siteId }))!);
    const coordinator = principalOf(await insertCoordinator(db, [moved!.siteId]));
    const summaryOf = (who: Principal) => outcomeSummary(who, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY);
    const [mine, theirs] = [await summaryOf(doctor), await summaryOf(newcomer)];
    expect(theirs.procedures).toBe(0);
    await updateProcedure(coordinator, moved!.id, {
      physicianId: String(newcomer.id),
      patientId: moved!.patientId,
      siteId: moved!.siteId,
      procedureDate: moved!.procedureDate,
      levels: moved!.levels.split(","),
      side: moved!.side,
      anaesthesia: moved!.anaesthesia,
      ...(moved!.priorTreatmentFlag ? { priorTreatmentFlag: "on" } : {}),
    });
    const [mineAfter, theirsAfter] = [await summaryOf(doctor), await summaryOf(newcomer)];
    expect(mineAfter.procedures).toBe(mine.procedures - 1);
    expect(theirsAfter.procedures).toBe(1);
    clearVersionedCache();
    forgetPracticeSnapshot();
    expect([mineAfter, theirsAfter]).toEqual([await summaryOf(doctor), await summaryOf(newcomer)]);
  });

  it("hands a kept cohort out again only for the same scope, filters and day, and never after a write", async () => {
    const cohortOf = (who: Principal, today = TODAY) => outcomeCohort(who, DEFAULT_OUTCOME_FILTERS, today);
    const mine = await cohortOf(doctor);
    const everyone = await cohortOf(officer);
    const pool = await practiceWideCohort(DEFAULT_OUTCOME_FILTERS, TODAY, { except: doctor.id });
    // Asked again with nothing written: the very same cohort.
    expect(await cohortOf(doctor)).toBe(mine);
    expect(await cohortOf(officer)).toBe(everyone);
    // Each is its own selection, equal to the same read from the database.
    const fromDatabase = (where: Parameters<typeof readCohort>[0], today = TODAY) => readCohort(where, DEFAULT_OUTCOME_FILTERS, today);
    expect(mine).toEqual(await fromDatabase(eq(procedures.physicianId, doctor.id)));
    expect(everyone).toEqual(await fromDatabase(undefined));
    expect(pool).toEqual(await fromDatabase(ne(procedures.physicianId, doctor.id)));
    expect(mine.procedures.length).toBeLessThan(everyone.procedures.length);
    // Another physician, or another day (follow-up windows close by the day): not the kept one.
    expect((await cohortOf(otherDoctor)).procedures.every((p) => p.physicianId === otherDoctor.id)).toBe(true);
    const tomorrow = addDaysIso(TODAY, 1);
    const nextDay = await cohortOf(doctor, tomorrow);
    expect(nextDay).not.toBe(mine);
    expect(nextDay).toEqual(await fromDatabase(eq(procedures.physicianId, doctor.id), tomorrow));
    // After a write: a new cohort with the write in it.
    const p = ownProcedures[2]!;
    await createAssessment(
      doctor,
      { procedureId: p.id, timepoint: "unscheduled", assessedOn: addDaysIso(p.procedureDate, 33), nprsBack: "1", nprsLeg: "1" },
      TODAY,
    );
    const after = await cohortOf(doctor);
    expect(after).not.toBe(mine);
    expect(after).toEqual(await fromDatabase(eq(procedures.physicianId, doctor.id)));
    expect(after.procedures.find((x) => x.id === p.id)!.followUps.some((a) => a.day === 33)).toBe(true);
  });
});
