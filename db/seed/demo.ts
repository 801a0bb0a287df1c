/**
 * Deterministic demo data: the same `seed`, `procedures` and `end` date always give the same database.
 * Trajectories follow the MILD trials' shape (ODI ~45 → ~25, NPRS ~7 → ~4, relief within days to weeks,
 * some non-responders, loss to follow-up growing with time). Complications follow the literature: minor events
 * (grade I–II) in about 1 % of procedures; serious events (grade III–IV, marked serious) rare — about 1 in 2,000
 * procedures has a serious device-, procedure- or anaesthesia-related (or unknown) event within 90 days, the
 * like-for-like definition — except one physician's cluster of serious events in one period, so the funnel plot
 * and CUSUM have something to find.
 */
import { addDaysIso, addYearsIso, daysBetween } from "@/lib/outcomes/dates";
import type { SqliteFileDatabase } from "../connection";
import { appendAuditToSqliteFile } from "@/lib/audit/appendAudit";
import { auditKey } from "@/lib/audit/auditKey";
import { hashPassword } from "@/lib/auth/password";
import * as demo from "./demoData";
import { seedFollowUp, type SeededProcedure } from "./demoFollowUp";
import { assessmentWriter } from "./demoAssessments";
import { complicationWriter } from "./demoComplications";
import { seedPatientReported } from "./demoInvitations";
import { clamp, COORDINATOR_NAMES, FIRST, LAST, makeRng, normal, pick, PHYSICIAN_NAMES, SITES, weighted } from "./demoData";

export const DEMO_PASSWORD = "mild-demo";
export const DEMO_PHYSICIANS = 15;
/** The physician whose events cluster in one period (see module comment). */
export const CLUSTER_PHYSICIAN = 7;

export type SeedOptions = {
  procedures: number;
  seed: number;
  end: string;
  physicians?: number;
  /** The audit chain's key: by default the one beside the database file (a file seeded to be copied elsewhere takes the target's). */
  auditKey?: Buffer;
};

export type SeedReport = { sites: number; users: number; patients: number; procedures: number; assessments: number; complications: number; ms: number };

export async function seedDemo(db: SqliteFileDatabase, opts: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const rng = makeRng(opts.seed);
  const sqlite = db.$client;
  const physicianCount = opts.physicians ?? DEMO_PHYSICIANS;
  const start = addYearsIso(opts.end, -4);
  const spanDays = daysBetween(start, opts.end);

  // bcrypt before the transaction: it is async and the transaction must stay synchronous. One hash for every demo
  // account, at the app's own cost: a cheaper one would let sign-in timing tell a demo account from an unknown
  // email (those are compared against a dummy hash of the app's cost).
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const key = opts.auditKey ?? auditKey(sqlite.name);

  const counts = { sites: 0, users: 0, patients: 0, procedures: 0, assessments: 0, complications: 0 };

  db.transaction(
    (tx) => {
      const insertSite = sqlite.prepare("INSERT INTO sites (code, name) VALUES (?, ?)");
      const siteIds = SITES.map((s) => Number(insertSite.run(s.code, s.name).lastInsertRowid));
      counts.sites = siteIds.length;

      const insertUser = sqlite.prepare("INSERT INTO users (email, name, role, password_hash, site_id) VALUES (?, ?, ?, ?, ?)");
      const addUser = (email: string, name: string, role: string, siteId: number | null) => {
        const id = Number(insertUser.run(email, name, role, demoHash, siteId).lastInsertRowid);
        appendAuditToSqliteFile(
          tx,
          {
            actor: null,
            action: "user.create",
            entity: "user",
            entityId: id,
            after: { email, name, role, siteId, source: "demo seed" },
          },
          key,
        );
        counts.users++;
        return id;
      };
      addUser("admin@example.org", "Alex Admin", "admin", null);
      addUser("quality@example.org", "Quinn Quality", "quality_officer", null);
      const physicians = Array.from({ length: physicianCount }, (_, i) => {
        const siteIndex = i % SITES.length;
        const id = addUser(`physician${i + 1}@example.org`, PHYSICIAN_NAMES[i % PHYSICIAN_NAMES.length]!, "physician", siteIds[siteIndex]!);
        // Volumes differ between physicians, as they do in practice.
        const weight = 0.5 + rng() * 1.5;
        // The cluster physician is a busy one, so the cluster is visible above chance.
        return { id, number: i + 1, siteId: siteIds[siteIndex]!, weight: i + 1 === CLUSTER_PHYSICIAN ? 1.6 : weight };
      });
      // One coordinator per site, after the physicians (whose ids and draws stay as they were): no random numbers.
      const insertUserSite = sqlite.prepare("INSERT INTO user_sites (user_id, site_id) VALUES (?, ?)");
      siteIds.forEach((siteId, i) => {
        const id = addUser(`coordinator${i + 1}@example.org`, COORDINATOR_NAMES[i % COORDINATOR_NAMES.length]!, "coordinator", siteId);
        insertUserSite.run(id, siteId);
      });

      const insertPatient = sqlite.prepare(
        `INSERT INTO patients (site_id, mrn, name, date_of_birth, sex, diagnosis, primary_physician_id,
          scoliosis_kyphosis, previous_spinal_fracture, previous_spinal_surgery, medication_allergies, diabetes,
          cardiovascular_disease, smoking, heavy_drinking, external_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertProcedure = sqlite.prepare(
        `INSERT INTO procedures (patient_id, physician_id, site_id, procedure_date, levels, side, anaesthesia, device_lot,
          prior_treatment_type, prior_treatment_date, prior_treatment_flag, prior_treatment_acknowledged, notes, external_id, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );

      const writeAssessments = assessmentWriter(sqlite);
      const writeComplications = complicationWriter(sqlite);

      const dates = Array.from({ length: opts.procedures }, () => Math.floor(rng() * (spanDays + 1))).sort((a, b) => a - b);
      // The cluster: six months, about two years before the end, in which one physician's events run high.
      const clusterFrom = spanDays - 760;
      const clusterTo = clusterFrom + 180;
      const qualityOfficerId = 2;
      const totalWeight = physicians.reduce((s, p) => s + p.weight, 0);

      const seeded: SeededProcedure[] = [];
      for (let i = 0; i < opts.procedures; i++) {
        const dayIndex = dates[i]!;
        const dateIso = addDaysIso(start, dayIndex);
        let r = rng() * totalWeight;
        const physician = physicians.find((p) => (r -= p.weight) <= 0) ?? physicians[physicians.length - 1]!;
        const ref = String(i + 1).padStart(6, "0");

        // Patient
        const age = Math.round(clamp(normal(rng, 70, 9), 42, 96));
        const dob = addDaysIso(dateIso, -Math.round(age * 365.25 + rng() * 360));
        const sex = rng() < 0.52 ? "female" : "male";
        const diagnosis = weighted(rng, demo.DIAGNOSIS_WEIGHTS);
        const risk = [0.15, 0.08, 0.2, 0.15, 0.25, 0.3, 0.15, 0.06].map((p) => (rng() < p ? 1 : 0));
        const siteCode = SITES[siteIds.indexOf(physician.siteId)]!.code;
        const patientId = Number(
          insertPatient.run(
            physician.siteId,
            `${siteCode}-${String(100000 + i)}`,
            `${pick(rng, FIRST)} ${pick(rng, LAST)}`,
            dob,
            sex,
            diagnosis,
            physician.id,
            ...risk,
            `demo-patient-${ref}`,
          ).lastInsertRowid,
        );
        counts.patients++;

        // Procedure
        const levelCount = weighted(rng, demo.LEVEL_COUNT_WEIGHTS);
        const firstLevel = weighted(rng, demo.FIRST_LEVEL_WEIGHTS);
        const levels = Array.from({ length: levelCount }, (_, k) => Math.min(firstLevel + k, 5))
          .filter((v, k, xs) => xs.indexOf(v) === k)
          .map((l) => (l === 5 ? "L5-S1" : `L${l}-L${l + 1}`))
          .join(",");
        const flagged = rng() < 0.015;
        const priorType = flagged ? pick(rng, ["laminectomy", "laminotomy", "fusion", "interspinous_process_decompression", "mild"] as const) : null;
        const priorDate = flagged ? addDaysIso(dateIso, -Math.round(60 + rng() * 290)) : null;
        const procedureId = Number(
          insertProcedure.run(
            patientId,
            physician.id,
            physician.siteId,
            dateIso,
            levels,
            weighted(rng, demo.SIDE_WEIGHTS),
            weighted(rng, demo.ANAESTHESIA_WEIGHTS),
            `ML-${dateIso.slice(0, 4)}-${String(1000 + Math.floor(rng() * 9000))}`,
            priorType,
            priorDate,
            flagged ? 1 : 0,
            flagged ? 1 : 0,
            rng() < 0.1
              ? pick(rng, ["Tolerated well.", "Mild discomfort during access.", "Patient anxious; reassured.", "Good decompression on imaging."])
              : null,
            `demo-procedure-${ref}`,
            physician.id,
          ).lastInsertRowid,
        );
        counts.procedures++;

        // Outcome trajectory
        const responder = rng() < (risk[2] ? 0.62 : 0.74);
        const reliefDay = responder ? Math.round(clamp(Math.exp(normal(rng, Math.log(10), 0.9)), 1, 300)) : Infinity;
        const base = {
          back: Math.round(clamp(normal(rng, 7, 1.4), 3, 10)),
          leg: Math.round(clamp(normal(rng, 6.5, 1.7), 2, 10)),
          odi: clamp(normal(rng, 45, 11), 14, 88),
          walk: clamp(Math.exp(normal(rng, Math.log(8), 0.6)), 1, 60),
          stand: clamp(Math.exp(normal(rng, Math.log(10), 0.6)), 1, 60),
        };
        const gain = responder
          ? { pain: 0.4 + rng() * 0.3, odi: clamp(normal(rng, 21, 7), 8, base.odi - 2), mobility: 2 + rng() * 3 }
          : { pain: rng() * 0.15, odi: rng() * 6, mobility: 1 + rng() * 0.3 };
        // Loss to follow-up grows with time: about 75 % still followed at 12 months, 57 % at 24.
        const dropoutDay = -Math.log(1 - rng()) * 1300;
        const reliefRecorded = responder && rng() < 0.25;
        const facts: SeededProcedure = {
          id: procedureId,
          patientId,
          physicianId: physician.id,
          date: dateIso,
          followedDays: spanDays - dayIndex,
          droppedOutDay: dropoutDay < spanDays - dayIndex ? Math.ceil(dropoutDay) : null,
          levels,
          trajectory: { reliefDay, back: base.back, leg: base.leg, painGain: gain.pain },
        };
        seeded.push(facts);
        const plan = { index: i, ref, procedureId, physicianId: physician.id, dateIso, dayIndex, spanDays };
        counts.assessments += writeAssessments(rng, plan, { reliefDay, base, gain, dropoutDay, reliefRecorded });

        // Complications (demoComplications.ts): the cluster physician's events run high in the cluster period.
        const inCluster = physician.number === CLUSTER_PHYSICIAN && dayIndex >= clusterFrom && dayIndex <= clusterTo;
        counts.complications += writeComplications(rng, {
          ref,
          procedureId,
          physicianId: physician.id,
          dateIso,
          dayIndex,
          spanDays,
          inCluster,
          qualityOfficerId,
        });
      }

      const followUp = seedFollowUp(sqlite, opts.seed, opts.end, seeded);
      const patientReported = seedPatientReported(sqlite, opts.seed, opts.end, seeded);
      appendAuditToSqliteFile(
        tx,
        { actor: null, action: "seed.demo", entity: "database", after: { ...counts, ...followUp, ...patientReported, seed: opts.seed, end: opts.end } },
        key,
      );
    },
    { behavior: "immediate" },
  );

  return { ...counts, ms: Date.now() - started };
}
