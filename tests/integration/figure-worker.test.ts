/**
 * The server computes the practice-wide figures on a worker thread (lib/dal/outcomes/offThread.ts) with its own
 * database connection: what it answers is what the same functions compute on the calling thread — for a quality
 * officer and a physician, every view the pages show — also after a write, which the worker sees through the
 * database as the calling thread does. It refuses what the calling thread refuses, with the same error class. A call
 * it could not answer because it stopped is answered on the calling thread, and a new worker is started later.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { patients, procedures, users } from "@/db/schema";
import { NotFoundError } from "@/lib/dal/errors";
import { adjustedComparison } from "@/lib/dal/outcomes/adjusted";
import { outcomeHeadline, outcomePool, outcomeSummary, reliefComparison } from "@/lib/dal/outcomes/dashboard";
import type { Worker } from "node:worker_threads";
import { qualityOverview } from "@/lib/dal/outcomes/quality";
import { getResponseRates } from "@/lib/dal/outcomes/responseRates";
import type { Principal } from "@/lib/dal/principal";
import { updatePatient } from "@/lib/dal/records/patients";
import { reportCohortFigures } from "@/lib/dal/reports/physicianReport";
import { DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW } from "@/lib/outcomes/outcomeFilters";
import { seedDemoInto } from "../fixtures/csv/csvHelpers";
import { principalOf } from "../support/fixtures";
import { tempDatabaseForFile } from "../support/tempDb";

const t = await tempDatabaseForFile("figure-worker");

const TODAY = "2026-11-25";
let officer: Principal;
let doctor: Principal;
let otherDoctor: Principal;

beforeAll(async () => {
  await seedDemoInto(t, { procedures: 150, seed: 11, end: TODAY, physicians: 3 });
  const physicians = await t.db.select().from(users).where(eq(users.role, "physician")).orderBy(asc(users.id));
  officer = principalOf((await t.db.select().from(users).where(eq(users.role, "quality_officer")).limit(1))[0]!);
  doctor = principalOf(physicians[0]!);
  otherDoctor = principalOf(physicians[1]!);
}, 60_000);

/** What lib/dal/outcomes/offThread.ts keeps on globalThis: the worker it started and when the last one stopped. */
const workerState = () => (globalThis as unknown as { __mildFigureWorker: { worker: Worker | null; lostAt: number } }).__mildFigureWorker;

/** Ends the worker as a crash would. */
async function killWorker(): Promise<void> {
  await workerState()?.worker?.terminate();
}

afterAll(async () => {
  delete process.env.MILD_FIGURE_WORKER;
  await killWorker();
});

/** Every view's figures for these principals, on this thread or the worker as MILD_FIGURE_WORKER says. */
async function everyView(): Promise<unknown[]> {
  const filters = DEFAULT_OUTCOME_FILTERS;
  const mine = { ...filters, physician: doctor.id };
  return Promise.all([
    outcomeSummary(officer, filters, DEFAULT_VIEW, TODAY),
    outcomeHeadline(officer, { ...filters, site: 1 }, { at: "month_6", mcid: "odi-30pct" }, TODAY),
    outcomeSummary(doctor, mine, DEFAULT_VIEW, TODAY),
    outcomePool(doctor, mine, DEFAULT_VIEW, TODAY),
    reliefComparison(officer, filters, "flag", TODAY),
    reliefComparison(doctor, mine, "pool", TODAY),
    qualityOverview(officer, filters, DEFAULT_VIEW, TODAY),
    adjustedComparison(officer, filters, DEFAULT_VIEW.mcid, TODAY),
    adjustedComparison(doctor, mine, DEFAULT_VIEW.mcid, TODAY),
    getResponseRates(officer, DEFAULT_OUTCOME_FILTERS),
    getResponseRates(doctor, mine),
    reportCohortFigures(officer, { ...mine, from: "2025-01-01", to: TODAY }, DEFAULT_VIEW, TODAY),
  ]);
}

async function onThread<T>(run: () => Promise<T>): Promise<T> {
  delete process.env.MILD_FIGURE_WORKER;
  return run();
}

async function onWorker<T>(run: () => Promise<T>): Promise<T> {
  process.env.MILD_FIGURE_WORKER = "1";
  try {
    return await run();
  } finally {
    delete process.env.MILD_FIGURE_WORKER;
  }
}

describe("the figure worker", () => {
  it("answers every view with the figures the calling thread computes", async () => {
    const here = await onThread(everyView);
    const there = await onWorker(everyView);
    expect(there).toEqual(here);
    // Not vacuous: the practice has figures to compare.
    expect((here[0] as { procedures: number }).procedures).toBeGreaterThan(100);
  });

  it("sees a write made on the calling thread at its next answer", async () => {
    const herniated = { ...DEFAULT_OUTCOME_FILTERS, physician: doctor.id, diagnosis: "herniated_disc" as const };
    const view = () => outcomeHeadline(doctor, herniated, DEFAULT_VIEW, TODAY);
    const before = await onWorker(view);
    // One of the physician's stenosis patients re-diagnosed: their procedure joins the herniated-disc view.
    const [row] = await t.db
      .select({ patient: patients })
      .from(procedures)
      .innerJoin(patients, eq(patients.id, procedures.patientId))
      .where(and(eq(procedures.physicianId, doctor.id), eq(patients.diagnosis, "stenosis")))
      .orderBy(asc(procedures.id))
      .limit(1);
    const patient = row!.patient;
    const joining = (await t.db.select({ id: procedures.id }).from(procedures).where(eq(procedures.patientId, patient.id))).length;
    await updatePatient(doctor, patient.id, {
      siteId: String(patient.siteId),
      mrn: patient.mrn,
      name: patient.name,
      dateOfBirth: patient.dateOfBirth,
      sex: patient.sex,
      diagnosis: "herniated_disc",
    });
    const after = await onWorker(view);
    expect(after.procedures).toBe(before.procedures + joining);
    expect(after).toEqual(await onThread(view));
  });

  it("refuses another physician's outcomes with the same NotFoundError", async () => {
    const theirs = { ...DEFAULT_OUTCOME_FILTERS, physician: otherDoctor.id };
    const refusal = await onWorker(() => outcomeSummary(doctor, theirs, DEFAULT_VIEW, TODAY)).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(NotFoundError);
    expect(await onThread(() => outcomeSummary(doctor, theirs, DEFAULT_VIEW, TODAY)).catch((e: unknown) => e)).toEqual(refusal);
    // A coordinator sees no outcomes at all, on either thread.
    const [coordinatorRow] = await t.db.select().from(users).where(eq(users.role, "coordinator")).limit(1);
    const coordinator = principalOf(coordinatorRow!);
    await expect(onWorker(() => qualityOverview(coordinator, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY))).rejects.toBeInstanceOf(NotFoundError);
    await expect(onWorker(() => outcomeHeadline(coordinator, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers on the calling thread a call the worker could not answer because it stopped", async () => {
    const view = () => outcomeSummary(officer, { ...DEFAULT_OUTCOME_FILTERS, site: 2 }, DEFAULT_VIEW, TODAY);
    process.env.MILD_FIGURE_WORKER = "1";
    const asked = view();
    await killWorker();
    const answered = await asked;
    delete process.env.MILD_FIGURE_WORKER;
    expect(answered).toEqual(await onThread(view));
  });

  it("starts a new worker a minute after one stopped, and answers there again", async () => {
    const kept = workerState();
    const before = kept.worker?.threadId;
    // The minute since the worker stopped has passed.
    kept.lostAt -= 61_000;
    const again = await onWorker(() => outcomeHeadline(officer, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY));
    expect(kept.worker).not.toBeNull();
    expect(kept.worker!.threadId).not.toBe(before);
    expect(again).toEqual(await onThread(() => outcomeHeadline(officer, DEFAULT_OUTCOME_FILTERS, DEFAULT_VIEW, TODAY)));
  });
});
